using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Cli;

/// <summary>
/// Typed access to one peer's REST API. Every failure (refused, timed out, non-2xx, malformed answer)
/// becomes a <see cref="CliException"/> whose message names the URL and the server's problem detail.
/// </summary>
public sealed class PeerApiClient(HttpClient http) : IDisposable
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <param name="baseUrl">The peer's REST URL; a trailing slash keeps any base path.</param>
    /// <exception cref="CliException">A key would go in clear to a peer that is not loopback (see <see cref="CliCredentials.Authorize"/>).</exception>
    public static PeerApiClient Create(Uri baseUrl)
    {
        var http = new HttpClient(CliCredentials.Trusting(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AllowAutoRedirect = false,
        }))
        {
            BaseAddress = baseUrl,
            Timeout = RequestTimeout,
        };
        try
        {
            return new PeerApiClient(CliCredentials.Authorize(http));
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>GETs a path relative to the peer URL and returns the JSON body as sent.</summary>
    public async Task<string> GetJsonAsync(string relativePath, CancellationToken cancellationToken)
    {
        var url = new Uri(http.BaseAddress!, relativePath);
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new CliException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}{await ProblemAsync(response, cancellationToken)}");
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach {url}: {Reason(e)}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"GET {url} timed out after {RequestTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Reads a JSON answer, reporting a shape that breaks the contract as one line.</summary>
    public static T Parse<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, P2PJson.Strict)
                ?? throw new CliException($"the peer answered null for {what}");
        }
        catch (JsonException e)
        {
            throw new CliException($"unexpected answer for {what}: {e.Message}");
        }
    }

    public void Dispose() => http.Dispose();

    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemResponse>(P2PJson.Options, cancellationToken);
            var text = problem?.Detail ?? problem?.Title;
            return string.IsNullOrWhiteSpace(text) || text == response.ReasonPhrase ? "" : $": {text}";
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return ""; // not a problem-details body: the status line says enough
        }
    }

    /// <summary>The innermost socket error ("Connection refused") reads better than the HTTP wrapper.</summary>
    private static string Reason(HttpRequestException e) =>
        e.InnerException is SocketException socket ? socket.Message : e.Message;
}
