using System.Collections.Concurrent;
using System.Net;
using OrleansP2P.Api.PeerClient;

namespace OrleansP2P.Api.Tests.PeerClient;

/// <summary>Answers host names from a table (IP literals as they are); <see cref="Answer"/> can change between calls (DNS rebinding).</summary>
public sealed class FakeResolver(Dictionary<string, string> names) : IPeerAddressResolver
{
    public ConcurrentQueue<string> Asked { get; } = new();

    public Func<string, string?>? Answer { get; set; }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Asked.Enqueue(host);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
            return Task.FromResult(new[] { literal });
        var answer = Answer?.Invoke(host) ?? (names.TryGetValue(host, out var a) ? a : null);
        return answer is null
            ? Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound))
            : Task.FromResult(new[] { IPAddress.Parse(answer) });
    }
}
