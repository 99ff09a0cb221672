using Orleans.TestingHost;

namespace OrleansP2P.Grains.Tests.Infrastructure;

/// <summary>
/// The lifetime of an in-process Orleans cluster behind a test fixture: built with <paramref name="silos"/> silos
/// configured by <see cref="ConfigureSilo"/>, deployed before the first test (with a stable membership when there are
/// several), stopped gracefully after the last.
/// </summary>
public abstract class TestClusterFixture(short silos) : IAsyncLifetime, IDisposable
{
    private InProcessTestCluster? _cluster;

    protected InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not deployed");

    /// <summary>The services and options every silo of the cluster starts with.</summary>
    protected abstract void ConfigureSilo(ISiloBuilder silo);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => ConfigureSilo(silo));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        if (silos > 1)
            await _cluster.WaitForLivenessToStabilizeAsync();
    }

    /// <summary>Stops the silos gracefully (xunit calls this before <see cref="Dispose()"/>).</summary>
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.StopAllSilosAsync();
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _cluster?.Dispose();
    }
}
