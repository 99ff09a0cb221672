namespace OrleansP2P.Grains;

/// <summary>
/// Registered only where this process is an Orleans client of its peer's silos rather than a silo (a gateway): its
/// grain calls work once <see cref="Connected"/> has completed (before, the client does not even know the grain types).
/// </summary>
public interface IClusterClientConnection
{
    /// <summary>Completes once the client has reached a silo of the peer.</summary>
    Task Connected { get; }
}
