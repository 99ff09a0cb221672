using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansP2P.Api.Search;
using OrleansP2P.Api.Transfer;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Api.PeerClient;

/// <summary>
/// Calls other peers' REST endpoints. No retries (a retried query id is a duplicate; retried health
/// polls stretch failure detection), no redirects, answers size-capped: configured in
/// <see cref="GrainsServiceCollectionExtensions"/>. Bootstrap adds its own retries on top.
/// </summary>
public sealed class HttpPeerClient(HttpClient http) : IPeerSearchClient, INeighbourClient
{
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    public async Task<SearchOutcome> ForwardSearchAsync(string peerUrl, SearchRequest request, CancellationToken cancellationToken)
    {
        var body = new ForwardRequestDto(request.QueryId.ToString("D"), request.Query, request.Ttl, request.Fanout,
            request.Origin, request.Path, request.DeadlineMs);
        var answer = await CallAsync<ForwardResponseDto>(peerUrl, "/search/forward", body, cancellationToken);
        return new SearchOutcome([.. (answer.Results ?? []).Select(r => r.ToHits())], answer.Complete, Math.Max(0, answer.PeersReached));
    }

    public async Task<string> GetHealthAsync(string peerUrl, CancellationToken cancellationToken)
    {
        var answer = await CallAsync<HealthResponse>(peerUrl, "/health", body: null, cancellationToken);
        return answer.Status == "ok" && !string.IsNullOrWhiteSpace(answer.Peer)
            ? answer.Peer
            : throw new PeerCallException($"{peerUrl}/health answered status '{answer.Status}'");
    }

    public async Task<ImmutableArray<string>> RegisterAsync(string peerUrl, string selfUrl, CancellationToken cancellationToken)
    {
        var answer = await CallAsync<RegisterResponse>(peerUrl, "/register", new RegisterRequest(selfUrl), cancellationToken);
        return [.. answer.Peers ?? []];
    }

    public async Task<ImmutableArray<string>> GetPeersAsync(string peerUrl, CancellationToken cancellationToken)
    {
        var answer = await CallAsync<PeersResponse>(peerUrl, "/peers", body: null, cancellationToken);
        return [.. answer.Peers ?? []];
    }

    /// <summary>GET (no body) or POST JSON; every failure but our own cancellation becomes a <see cref="PeerCallException"/>.</summary>
    private async Task<T> CallAsync<T>(string peerUrl, string path, object? body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = body is null ? null : JsonContentOf(body);
            using var response = content is null
                ? await http.GetAsync(peerUrl + path, cancellationToken)
                : await http.PostAsync(peerUrl + path, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new PeerCallException($"{peerUrl}{path} answered {(int)response.StatusCode} {response.ReasonPhrase}", status: response.StatusCode);
            return await response.Content.ReadFromJsonAsync<T>(P2PJson.Options, cancellationToken)
                ?? throw new PeerCallException($"{peerUrl}{path} answered null");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or NotSupportedException or InvalidOperationException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PeerCallException($"{peerUrl}{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The body serialized up front, so it goes out with a Content-Length. <c>JsonContent</c> streams it chunked, and a
    /// chunked request body costs the receiving Kestrel a pipe and a pump task per request: a thread-pool hand-off on
    /// every search hop.
    /// </summary>
    private static ByteArrayContent JsonContentOf(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), P2PJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
