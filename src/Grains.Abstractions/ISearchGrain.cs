namespace OrleansP2P.Grains.Abstractions;

/// <summary>One search at this peer, keyed by query id: executes it at most once and fans it out.</summary>
[Alias("p2p.ISearchGrain")]
public interface ISearchGrain : IGrainWithGuidKey
{
    [Alias("Execute")]
    Task<SearchOutcome> Execute(SearchRequest request);
}
