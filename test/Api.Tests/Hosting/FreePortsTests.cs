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
        Assert.All(all, port => Assert.InRange(port, 20000, 65535));
    }

    [Fact]
    public void A_port_in_use_or_handed_out_before_is_never_handed_out()
    {
        var window = FreeWindow(4);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, window));
        squatter.Listen();

        var ports = FreePorts.Take(3, window, window + 4);

        Assert.Equal([window + 1, window + 2, window + 3], ports.Order());
        var exhausted = Assert.Throws<InvalidOperationException>(() => FreePorts.Take(1, window, window + 4));
        Assert.Equal("no free port found", exhausted.Message);
    }

    /// <summary>
    /// The first of <paramref name="length"/> consecutive ports that nothing listens on, below the range FreePorts uses by
    /// default, so no other test in this process can have been handed one of them.
    /// </summary>
    private static int FreeWindow(int length)
    {
        for (var first = 17000; first < 19990; first += length)
        {
            if (Enumerable.Range(first, length).All(FreePorts.IsFree))
                return first;
        }
        throw new InvalidOperationException("no window of free ports");
    }
}
