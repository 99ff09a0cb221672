using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace OrleansP2P.Integration.Tests.Transfer;

/// <summary>
/// <c>POST /files/{name}</c> written by hand on a socket: a request head announcing a Content-Length, then none of the
/// body or only its first bytes, as a hostile client would. <see cref="StatusAsync"/> reads the status the peer answers with.
/// </summary>
public sealed class RawHttpUpload : IDisposable
{
    private readonly TcpClient _client = new();

    private RawHttpUpload()
    {
    }

    public static async Task<RawHttpUpload> StartAsync(PeerProcess peer, string name, long contentLength, byte[]? firstBytes = null)
    {
        var upload = new RawHttpUpload();
        await upload._client.ConnectAsync("127.0.0.1", peer.RestPort);
        var head = $"POST /files/{Uri.EscapeDataString(name)} HTTP/1.1\r\nHost: 127.0.0.1:{peer.RestPort}\r\n" +
            $"Content-Type: application/octet-stream\r\nContent-Length: {contentLength.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
        await upload._client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        if (firstBytes is not null)
            await upload._client.GetStream().WriteAsync(firstBytes);
        return upload;
    }

    /// <summary>The status code of the answer (its first line), waiting at most <paramref name="timeout"/>.</summary>
    public async Task<int> StatusAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var line = new StringBuilder();
        var one = new byte[1];
        while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal)
            && await _client.GetStream().ReadAsync(one, deadline.Token) == 1)
            line.Append((char)one[0]);
        var parts = line.ToString().Split(' ');
        return parts is [_, var code, ..] ? int.Parse(code, CultureInfo.InvariantCulture) : 0;
    }

    public void Dispose() => _client.Dispose();
}
