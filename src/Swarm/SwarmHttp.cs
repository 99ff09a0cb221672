namespace OrleansP2P.Swarm;

/// <summary>The connection pool a download's requests share, and the canonical form of a holder's base URL.</summary>
public static class SwarmHttp
{
    /// <summary>
    /// Kept-alive HTTP/1.1 connections (one per request in flight, reused for the next), no redirects, no
    /// decompression (pieces are hashed as sent), a bounded connect.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        MaxResponseHeadersLength = 64,
        UseCookies = false,
    };

    /// <summary>An HttpClient over <paramref name="handler"/> with no overall timeout (the idle timeout bounds a download).</summary>
    public static HttpClient CreateClient(HttpMessageHandler handler) => new(handler) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary><c>scheme://host:port/</c>: requests are made relative to it.</summary>
    public static Uri BaseOf(Uri holder) => new(holder.GetLeftPart(UriPartial.Authority) + "/");
}
