using System.Net;
using System.Net.Sockets;

namespace OrleansP2P.Integration.Tests.Infrastructure;

public static class FreePorts
{
    /// <summary>Distinct free loopback ports: all listeners stay open until every port is chosen.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
