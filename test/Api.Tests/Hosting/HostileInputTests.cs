using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Xunit.Abstractions;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary>
/// A seeded flood of malformed, oversized and odd requests at every REST endpoint: nothing may
/// produce a 5xx, every 4xx (but a body-less HEAD answer) is problem details, and the peer is still healthy afterwards.
/// </summary>
public sealed class HostileInputTests(UnlimitedPeerFixture peer, ITestOutputHelper output) : IClassFixture<UnlimitedPeerFixture>
{
    private const int Seed = 20_261_125;
    private const int Count = 1200;
    private const int Parallelism = 8;

    [Fact]
    public async Task Twelve_hundred_hostile_requests_get_no_5xx_only_problem_details_4xx_and_leave_the_peer_healthy()
    {
        var requests = new HostileRequests(Seed).Generate(Count);
        var statuses = new ConcurrentDictionary<int, int>();
        var kinds = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (request, ct) =>
        {
            var response = (await peer.Factory.Server.SendAsync(request.Apply, ct)).Response;
            var status = response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            kinds.AddOrUpdate($"{request.Kind} {status}", 1, (_, n) => n + 1);
            if (await WhatIsWrongAsync(request, response) is { } wrong)
                failures.Enqueue($"{wrong}: {request}");
        });

        output.WriteLine($"seed {Seed}: {requests.Count} requests; by status: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x {s.Value}")));
        foreach (var (kind, n) in kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
            output.WriteLine($"  {kind}: {n}");
        Assert.True(requests.Count >= 1000, $"only {requests.Count} requests were generated");
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.:\n{string.Join('\n', failures.Take(20))}");
        var health = await peer.GetJsonAsync("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Fact]
    public void The_generated_requests_are_the_same_for_the_same_seed()
    {
        var first = new HostileRequests(Seed).Generate(Count).Select(r => r.ToString());
        var second = new HostileRequests(Seed).Generate(Count).Select(r => r.ToString());

        Assert.Equal(first, second);
    }

    /// <summary>Null when the answer is acceptable, else what is wrong with it.</summary>
    private static async Task<string?> WhatIsWrongAsync(HostileRequest request, HttpResponse response)
    {
        var status = response.StatusCode;
        using var reader = new StreamReader(response.Body);
        var body = await reader.ReadToEndAsync();
        if (status >= 500)
            return $"{status} {body}";
        if (status < 400 || request.Method == HttpMethod.Head)
            return null;
        if (!(response.ContentType ?? "").StartsWith("application/problem+json", StringComparison.Ordinal))
            return $"{status} with content type '{response.ContentType}', not problem details";
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        return problem.TryGetProperty("status", out var s) && s.GetInt32() == status ? null : $"{status} with a problem of another status";
    }
}
