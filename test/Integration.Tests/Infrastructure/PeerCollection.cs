namespace OrleansP2P.Integration.Tests.Infrastructure;

/// <summary>Multi-peer tests start real processes: on 2 cores they run one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PeerCollection
{
    public const string Name = "real peers";
}
