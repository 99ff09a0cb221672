namespace OrleansP2P.Silo;

/// <summary>
/// SIGTERM (or Ctrl+C): Kestrel stops accepting connections and requests, transfers in flight get up to
/// <see cref="DrainTimeout"/> to finish, then the silo stops (persisting the neighbour table) and the process exits 0.
/// The web host stops before the silo (it is registered last), so a draining download or upload can still reach the
/// peer grain. What a drain cannot finish is cut: the client's part file keeps what arrived, and it resumes.
/// </summary>
public static class PeerLifecycle
{
    /// <summary>Below Docker's default stop grace period (10 s), so the peer exits on its own before a SIGKILL.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(8);

    public static WebApplicationBuilder UsePeerLifecycle(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = DrainTimeout);
        return builder;
    }
}
