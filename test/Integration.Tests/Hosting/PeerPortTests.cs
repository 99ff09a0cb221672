using System.Net;
using System.Net.Sockets;
using OrleansP2P.Api.Hosting;
using OrleansP2P.Integration.Tests.Infrastructure;

namespace OrleansP2P.Integration.Tests.Hosting;

/// <summary>
/// Test peers choose their ports before they bind them, so another process can take one in between
/// (one CI run lost a test to a gateway port taken that way): the peer is started again on new ports.
/// </summary>
[Collection(PeerCollection.Name)]
public sealed class PeerPortTests
{
    [Fact]
    public async Task A_peer_whose_port_was_taken_starts_again_on_new_ports()
    {
        const int taken = 4; // the gateway port, as in that CI run
        var first = FreePorts.Take(5);
        using var squatter = Squat(first[taken]);
        var choices = new List<int[]>();

        await using var peer = await PeerProcess.StartAsync("squatted", null, null, () =>
        {
            var ports = choices.Count == 0 ? first : FreePorts.Take(5);
            choices.Add(ports);
            return ports;
        }, attempts: 3);

        Assert.Equal(2, choices.Count);
        Assert.Equal(choices[1], peer.Ports);
        Assert.DoesNotContain(first[taken], peer.Ports);
        Assert.Equal("squatted", (await peer.GetJsonAsync("/status")).GetProperty("peer").GetString());
    }

    [Theory]
    [InlineData(0, "Failed to bind to address http://127.0.0.1:{0}: address already in use")] // REST (Kestrel)
    [InlineData(4, "a port is already in use")] // gateway (Orleans)
    public async Task A_peer_on_a_taken_port_exits_with_code_3_and_one_line_naming_its_ports(int taken, string expected)
    {
        var ports = FreePorts.Take(5);
        using var squatter = Squat(ports[taken]);

        // Ports chosen by the caller are never changed: the start fails, with the peer's own explanation.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PeerProcess.StartAsync("fixed", ports: ports));

        Assert.Contains("exited with 3", failure.Message, StringComparison.Ordinal);
        var error = Assert.Single(failure.Message.Split('\n'), line => line.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, ports[taken]), error, StringComparison.Ordinal);
        Assert.Contains($"rest_port {ports[0]}, grpc_port {ports[1]}, metrics_port {ports[2]}, silo_port {ports[3]}, gateway_port {ports[4]}",
            error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Another process's listener on <paramref name="port"/> (it accepts connections and never answers).</summary>
    private static Socket Squat(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        socket.Listen();
        return socket;
    }
}
