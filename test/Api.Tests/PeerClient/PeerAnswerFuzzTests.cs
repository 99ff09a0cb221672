using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Files;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Diagnostics;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Api.Tests.PeerClient;

/// <summary>
/// A seeded fuzz of search-hop answers: 1000 answers from <see cref="ForwardAnswerMutator"/> go through the real
/// <see cref="HttpPeerClient"/> (a handler in place of the socket; reading, checking and failures are the client's own
/// code) and on into a real <see cref="SearchExecutor"/> that asks four such neighbours per search. Nothing but a
/// <see cref="PeerCallException"/> may leave the client, what it hands on must be well-formed and bounded, and every
/// merged answer must respect the caps. Memory bound: an answer is read only up to 16 MiB
/// (<see cref="HttpPeerClient.MaxAnswerBytes"/>) and 200 000 array elements (<see cref="PeerAnswers.ForwardLimits"/>)
/// before anything is parsed, and what passes holds at most <c>search_max_results</c> files.
/// </summary>
public sealed class PeerAnswerFuzzTests : IDisposable
{
    private const int Seed = 20_261_201;
    private const int Searches = 250;
    private const int Neighbours = 4;
    private const int MaxResults = 64;

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_thousand_generated_answers_fail_only_as_peer_calls_and_every_merge_respects_the_caps()
    {
        var options = Options.Create(new PeerOptions { SearchMaxResults = MaxResults });
        var wire = new ScriptedWire();
        var client = new CheckingClient(new HttpPeerClient(new HttpClient(wire), options), wire);
        var node = new FuzzNode([.. Enumerable.Range(0, Neighbours).Select(n => $"http://n{n}.fuzz:1")]);
        var executor = new SearchExecutor(node, client, new SeenQueries(TimeProvider.System),
            new P2PMetrics(_services.GetRequiredService<IMeterFactory>()), TimeProvider.System, options, NullLogger<SearchExecutor>.Instance);
        var mutator = new ForwardAnswerMutator(Seed);

        for (var search = 0; search < Searches; search++)
        {
            wire.Answers = node.Targets.ToDictionary(url => url, _ => mutator.Next());
            var refusedBefore = client.Refused;
            var outcome = await executor.ExecuteAsync(new SearchRequest(Guid.NewGuid(), "*", 1, Neighbours, node.Identity.Url, [], 10_000));

            Assert.InRange(outcome.Results.Sum(h => h.Files.Length), FuzzNode.OwnFiles.Length, MaxResults);
            Assert.InRange(outcome.PeersReached, 1, 1 + (Neighbours * ForwardAnswers.MaxPeersReached));
            if (client.Refused > refusedBefore)
                Assert.False(outcome.Complete);
        }

        Assert.Empty(client.Violations);
        Assert.Equal(Searches * Neighbours, client.Accepted + client.Refused);
        Assert.True(client.Accepted > 100 && client.Refused > 100, $"{client.Accepted} accepted, {client.Refused} refused: the mix should have both");
    }

    /// <summary>Why an outcome the client accepted is not well-formed and bounded, or null.</summary>
    private static string? Violation(SearchOutcome outcome)
    {
        if (outcome.Results.Sum(h => h.Files.Length) > MaxResults || outcome.PeersReached is < 0 or > ForwardAnswers.MaxPeersReached)
            return "over a cap";
        foreach (var hits in outcome.Results)
        {
            if (hits.Peer is not { Length: >= 1 and <= 64 } || hits.Peer.Any(char.IsControl) || hits.Grpc is null || hits.Files.IsEmpty)
                return "a bad peer entry";
            if (!PeerUrl.TryCanonicalize(hits.Url, out var canonical, out _) || canonical != hits.Url)
                return "a URL not in canonical form";
            if (hits.Files.Any(f => SafeFileName.Problem(f.Name) is not null || !Sha256Hex.IsValid(f.Sha256) || f.Size < 0 || f.Extension is null))
                return "a bad file entry";
        }
        return null;
    }

    /// <summary>Answers each neighbour with this search's generated answer for it.</summary>
    private sealed class ScriptedWire : HttpMessageHandler
    {
        public Dictionary<string, FuzzAnswer> Answers { get; set; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = Answers[request.RequestUri!.GetLeftPart(UriPartial.Authority)];
            var content = new ByteArrayContent(answer.Body);
            content.Headers.ContentType = answer.ContentType is null ? null : MediaTypeHeaderValue.Parse(answer.ContentType);
            return Task.FromResult(new HttpResponseMessage(answer.Status) { Content = content });
        }
    }

    /// <summary>The client as the executor sees it, noting what it accepted, refused, or let escape (the executor would swallow it).</summary>
    private sealed class CheckingClient(HttpPeerClient client, ScriptedWire wire) : IPeerSearchClient
    {
        private int _accepted;
        private int _refused;

        public ConcurrentQueue<string> Violations { get; } = new();

        public int Accepted => Volatile.Read(ref _accepted);

        public int Refused => Volatile.Read(ref _refused);

        public async Task<SearchOutcome> ForwardSearchAsync(string peerUrl, SearchRequest request, CancellationToken cancellationToken)
        {
            var mutation = wire.Answers[peerUrl].Mutation;
            try
            {
                var outcome = await client.ForwardSearchAsync(peerUrl, request, cancellationToken);
                Interlocked.Increment(ref _accepted);
                if (Violation(outcome) is { } violation)
                    Violations.Enqueue($"{mutation}: accepted with {violation}");
                return outcome;
            }
            catch (PeerCallException)
            {
                Interlocked.Increment(ref _refused);
                throw;
            }
            catch (Exception e)
            {
                Violations.Enqueue($"{mutation}: {e.GetType().Name} escaped the client: {e.Message}");
                throw;
            }
        }
    }

    /// <summary>A peer sharing a few files, whose neighbours are the scripted ones.</summary>
    private sealed class FuzzNode(IReadOnlyList<string> targets) : IHopInputSource
    {
        public static readonly FileEntry[] OwnFiles = [.. Enumerable.Range(0, 5).Select(i => new FileEntry($"own-{i}.txt", i, 0, new string('0', 64), ".txt"))];

        public IReadOnlyList<string> Targets => targets;

        public PeerIdentity Identity { get; } = new("fuzz", "http://fuzz.test:1", "fuzz.test:2");

        public ValueTask<HopInput> GetHopInputAsync(string query, bool execute, int ttl) =>
            ValueTask.FromResult(new HopInput([.. OwnFiles], [.. targets]));
    }
}
