using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansP2P.Api.PeerClient;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>
/// A peer with a network key, whose name resolution is faked: <c>metadata.evil.test</c> answers 169.254.169.254,
/// and every name asked is recorded. Which registered URLs answer <c>/health</c> is faked too (<see cref="FakeNeighboursPeerFixture.Membership"/>);
/// the URL guard that checks them first stays real. <see cref="LocksReads"/> subclasses lock reads too.
/// </summary>
public class SignedPeerFixture : FakeNeighboursPeerFixture
{
    public const string Key = "api-tests-network-key-0123456789";

    public ConcurrentQueue<string> Resolved { get; } = new();

    protected virtual bool LocksReads => false;

    protected override IReadOnlyDictionary<string, object> ConfigOverrides => new Dictionary<string, object>
    {
        ["network_key"] = Key,
        ["private"] = LocksReads,
        ["target_degree"] = 0,
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IPeerAddressResolver>(new RecordingResolver(Resolved));
    }

    private sealed class RecordingResolver(ConcurrentQueue<string> asked) : IPeerAddressResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            asked.Enqueue(host);
            return Task.FromResult(host == "metadata.evil.test" ? [IPAddress.Parse("169.254.169.254")]
                : IPAddress.TryParse(host, out var literal) ? [literal] : Array.Empty<IPAddress>());
        }
    }
}

/// <summary>A <see cref="SignedPeerFixture"/> with <c>private: true</c>.</summary>
public sealed class PrivatePeerFixture : SignedPeerFixture
{
    protected override bool LocksReads => true;
}
