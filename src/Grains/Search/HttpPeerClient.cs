using System.Net.Http.Json;
using System.Text.Json;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Contracts;

namespace OrleansP2P.Grains.Search;

/// <summary>
/// Calls other peers' REST endpoints. No retries (a retried query id is a duplicate), no
/// redirects, answers size-capped: configured in <see cref="GrainsServiceCollectionExtensions"/>.
/// </summary>
public sealed class HttpPeerClient(HttpClient http) : IPeerClient
{
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    public async Task<SearchOutcome> ForwardSearchAsync(string peerUrl, SearchRequest request, CancellationToken cancellationToken)
    {
        var body = new ForwardRequestDto(request.QueryId.ToString("D"), request.Query, request.Ttl, request.Fanout,
            request.Origin, request.Path, request.DeadlineMs);
        try
        {
            using var response = await http.PostAsJsonAsync($"{peerUrl}/search/forward", body, P2PJson.Options, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new PeerCallException($"{peerUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            var answer = await response.Content.ReadFromJsonAsync<ForwardResponseDto>(P2PJson.Options, cancellationToken)
                ?? throw new PeerCallException($"{peerUrl} answered null");
            return new SearchOutcome([.. (answer.Results ?? []).Select(r => r.ToHits())], answer.Complete, Math.Max(0, answer.PeersReached));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or NotSupportedException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PeerCallException($"{peerUrl}: {e.Message}", e);
        }
    }
}
