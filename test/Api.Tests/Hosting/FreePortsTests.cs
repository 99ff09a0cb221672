using System.Net;
using System.Net.Sockets;
using OrleansP2P.Api.Hosting;

namespace OrleansP2P.Api.Tests.Hosting;

public sealed class FreePortsTests
{
    [Fact]
    public void Concurrent_callers_in_one_process_never_get_the_same_port()
    {
        // Sixteen peers' worth of ports, chosen at once the way PeerNetwork starts its peers.
        var taken = new int[16][];
        Parallel.For(0, taken.Length, i => taken[i] = FreePorts.Take(5));

        var all = taken.SelectMany(p => p).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void A_port_in_use_is_not_handed_out()
    {
        var ports = FreePorts.Take(1);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, ports[0]));
        listener.Listen();

        var each = FreePorts.Take(50);

        Assert.DoesNotContain(ports[0], each);
        Assert.All(each, port => Assert.InRange(port, 20000, 65535));
    }
}
