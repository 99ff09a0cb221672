using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansP2P.Contracts.Rest;
using OrleansP2P.Grains;
using OrleansP2P.Grains.Abstractions;
using OrleansP2P.Grains.Neighbours;
using OrleansP2P.Grains.Options;
using OrleansP2P.Grains.Search;

namespace OrleansP2P.Api.PeerClient;

/// <summary>
/// Calls other peers' REST endpoints. No retries (a retried query id is a duplicate; retried health
/// polls stretch failure detection), no redirects (configured in <see cref="PeerClientServiceCollectionExtensions"/>).
/// Bootstrap adds its own retries on top. Every answer is input: read within bounds by <see cref="PeerAnswerReader"/>
/// and checked by <see cref="PeerAnswers"/> or <see cref="ForwardAnswers"/> before a grain sees it; a bad one is an
/// invalid-answer <see cref="PeerCallException"/>, like any failed call.
/// </summary>
public sealed class HttpPeerClient(HttpClient http, IOptions<PeerOptions> options, TimeProvider? time = null) : IPeerSearchClient, INeighbourClient
{
    /// <summary>The most bytes any answer may have (a search hop's; the others are smaller).</summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    private readonly int _maxResults = options.Value.SearchMaxResults;

    public Task<SearchOutcome> ForwardSearchAsync(string peerUrl, SearchRequest request, CancellationToken cancellationToken)
    {
        var hints = request.Hints;
        var body = new ForwardRequestDto(request.QueryId.ToString("D"), request.Query, request.Ttl, request.Fanout,
            request.Origin, request.Path, request.DeadlineMs, hints?.View is null ? null : hints.Relay, hints?.View,
            hints is { Known.IsEmpty: false } ? hints.Known : null, (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds());
        return CallAsync<ForwardResponseDto, SearchOutcome>(peerUrl, "/search/forward", body, PeerAnswers.ForwardLimits,
            answer => ForwardAnswers.ToOutcome(answer, _maxResults), cancellationToken);
    }

    public Task<PeerHealth> GetHealthAsync(string peerUrl, CancellationToken cancellationToken) =>
        CallAsync<HealthResponse, PeerHealth>(peerUrl, "/health", body: null, PeerAnswers.HealthLimits,
            answer => new PeerHealth(PeerAnswers.HealthName(answer), PeerAnswers.Links(answer.Links)), cancellationToken);

    public Task<ImmutableArray<string>> RegisterAsync(string peerUrl, string selfUrl, CancellationToken cancellationToken) =>
        CallAsync<RegisterResponse, ImmutableArray<string>>(peerUrl, "/register", new RegisterRequest(selfUrl), PeerAnswers.ListLimits,
            answer => PeerAnswers.PeerList(answer.Peers), cancellationToken);

    public Task<RoutingResponse?> GetRoutingAsync(string peerUrl, string? etag, TimeSpan wait, CancellationToken cancellationToken) =>
        CallAsync<RoutingResponse, RoutingResponse?>(peerUrl, "/routing", body: null, PeerAnswers.RoutingLimits, answer => answer,
            cancellationToken, etag, etag is null ? TimeSpan.Zero : wait);

    public Task<ImmutableArray<string>> GetPeersAsync(string peerUrl, CancellationToken cancellationToken) =>
        CallAsync<PeersResponse, ImmutableArray<string>>(peerUrl, "/peers", body: null, PeerAnswers.ListLimits,
            answer => PeerAnswers.PeerList(answer.Peers), cancellationToken);

    /// <summary>
    /// GET (no body) or POST JSON, then the answer read and checked; every failure but our own cancellation becomes a
    /// <see cref="PeerCallException"/> (<see cref="PeerCallException.InvalidAnswer"/> when the peer answered, badly).
    /// With <paramref name="etag"/>, a GET is conditional and a 304 is <c>default</c>.
    /// </summary>
    private async Task<TResult> CallAsync<TAnswer, TResult>(string peerUrl, string path, object? body, AnswerLimits limits,
        Func<TAnswer, TResult> check, CancellationToken cancellationToken, string? etag = null, TimeSpan wait = default) where TAnswer : class
    {
        try
        {
            using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, peerUrl + path)
            {
                Content = body is null ? null : JsonContentOf(body),
            };
            if (etag is not null)
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (wait >= TimeSpan.FromSeconds(1))
                request.Headers.TryAddWithoutValidation("Prefer", Network.RoutingWaits.Format(wait));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (etag is not null && response.StatusCode == System.Net.HttpStatusCode.NotModified)
                return default!;
            if (!response.IsSuccessStatusCode)
                throw new PeerCallException($"{peerUrl}{path} answered {(int)response.StatusCode} {response.ReasonPhrase}", status: response.StatusCode);
            return check(await PeerAnswerReader.ReadAsync<TAnswer>(response.Content, limits, cancellationToken));
        }
        catch (PeerAnswerException e)
        {
            throw new PeerCallException($"{peerUrl}{path}: invalid answer: {e.Message}", e, invalidAnswer: true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or NotSupportedException or InvalidOperationException
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
