using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.Statistics;
using OrleansP2P.Silo;

namespace OrleansP2P.Api.Tests.Hosting;

/// <summary>The silo's CPU and memory figures, computed when Orleans asks instead of by a per-second event listener.</summary>
public sealed class PeerEnvironmentStatisticsTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    [Fact]
    public void The_cpu_figure_is_this_process_share_of_the_machine_over_the_window_and_memory_adds_up()
    {
        var time = new FakeTimeProvider();
        var statistics = new PeerEnvironmentStatistics(time);
        var burnt = Burn(TimeSpan.FromMilliseconds(60));
        time.Advance(TimeSpan.FromSeconds(1));

        var figures = statistics.GetEnvironmentStatistics();

        // At least the CPU burnt on this thread in that (fake) second, spread over every core; at most all of them.
        Assert.InRange(figures.RawCpuUsagePercentage, (float)(burnt.TotalSeconds * 100 / Environment.ProcessorCount) * 0.9f, 100f);
        Assert.True(figures.RawMemoryUsageBytes > 0);
        Assert.True(figures.MaximumAvailableMemoryBytes > figures.RawMemoryUsageBytes);
        Assert.Equal(figures.MaximumAvailableMemoryBytes, figures.RawMemoryUsageBytes + figures.RawAvailableMemoryBytes);
    }

    [Fact]
    public void Asked_again_within_the_window_the_cpu_figure_is_the_previous_one()
    {
        var time = new FakeTimeProvider();
        var statistics = new PeerEnvironmentStatistics(time);
        Burn(TimeSpan.FromMilliseconds(30));
        time.Advance(TimeSpan.FromSeconds(1));
        var first = statistics.GetEnvironmentStatistics().RawCpuUsagePercentage;

        Burn(TimeSpan.FromMilliseconds(60));
        time.Advance(PeerEnvironmentStatistics.CpuWindow / 2);

        Assert.Equal(first, statistics.GetEnvironmentStatistics().RawCpuUsagePercentage);
    }

    [Fact]
    public async Task The_peer_silo_reports_these_figures_to_orleans()
    {
        await peer.Client.GetAsync(new Uri("/health", UriKind.Relative));
        var provider = peer.Factory.Services.GetRequiredService<IEnvironmentStatisticsProvider>();
        var management = peer.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);

        var silos = await management.GetRuntimeStatistics([.. (await management.GetHosts(onlyActive: true)).Keys]);

        Assert.IsType<PeerEnvironmentStatistics>(provider);
        var silo = Assert.Single(silos);
        Assert.True(silo.EnvironmentStatistics.MaximumAvailableMemoryBytes > 0);
        Assert.InRange(silo.EnvironmentStatistics.RawCpuUsagePercentage, 0f, 100f);
    }

    /// <summary>Keeps this thread busy for <paramref name="cpu"/> of its own CPU time; returns what it used.</summary>
    private static TimeSpan Burn(TimeSpan cpu)
    {
        var start = Environment.CpuUsage.TotalTime;
        var thread = Stopwatch.StartNew();
        var x = 0UL;
        while (Environment.CpuUsage.TotalTime - start < cpu && thread.Elapsed < TimeSpan.FromSeconds(10))
            x = x * 6364136223846793005UL + 1442695040888963407UL;
        GC.KeepAlive(x);
        return Environment.CpuUsage.TotalTime - start;
    }
}
