using System.Net;
using System.Net.Sockets;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// Free TCP ports for peers started side by side. Chosen below the kernel's ephemeral range, so
/// an outgoing connection or another process's bind-to-0 cannot take the port between the moment
/// it is chosen and the moment the peer binds it. A port is handed out at most once per process,
/// so peers started concurrently in one process never share one.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 20000;
    private static readonly HashSet<int> Given = [];

    /// <summary>Distinct ports that are free right now on 127.0.0.1 and on all interfaces.</summary>
    public static int[] Take(int count) => Take(count, Lowest, EphemeralLow() - 1);

    /// <summary>Distinct ports in [<paramref name="lowest"/>, <paramref name="highest"/>) that are free right now and were never handed out before.</summary>
    public static int[] Take(int count, int lowest, int highest)
    {
        var chosen = new HashSet<int>();
        for (var attempt = 0; chosen.Count < count; attempt++)
        {
            if (attempt > 10_000)
                throw new InvalidOperationException("no free port found");
            var port = Random.Shared.Next(lowest, highest);
            bool fresh;
            lock (Given)
                fresh = Given.Add(port);
            if (fresh && IsFree(port))
                chosen.Add(port);
        }
        return [.. chosen];
    }

    /// <summary>Whether nothing holds <paramref name="port"/> on any interface right now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return Math.Max(Lowest + 1000, int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
