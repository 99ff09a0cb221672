using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Statistics;

namespace OrleansP2P.Silo;

/// <summary>
/// The CPU and memory figures Orleans asks a silo for (its load publisher, the dashboard), computed when asked.
/// Orleans' own provider listens to the runtime's event counters every second: an <c>EventListener</c>, a poller thread
/// and payloads built by reflection, a steady cost on an idle peer that thirty peers on two cores pay thirty times.
/// </summary>
public sealed class PeerEnvironmentStatistics(TimeProvider time) : IEnvironmentStatisticsProvider
{
    /// <summary>Puts this provider in place of Orleans' own (after <c>UseOrleans</c> or <c>UseOrleansClient</c> added theirs).</summary>
    public static void ReplaceOrleansProvider(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IEnvironmentStatisticsProvider, PeerEnvironmentStatistics>());

    /// <summary>Asked again sooner than this, the CPU figure is the previous one (a shorter window says little).</summary>
    public static readonly TimeSpan CpuWindow = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private TimeSpan _lastCpu = Environment.CpuUsage.TotalTime;
    private long _lastAt = time.GetTimestamp();
    private float _cpuPercent;

    public EnvironmentStatistics GetEnvironmentStatistics()
    {
        var cpu = CpuPercent();
        var memory = GC.GetGCMemoryInfo();
        var maximum = memory.TotalAvailableMemoryBytes;
        var used = Math.Clamp(memory.TotalCommittedBytes - memory.FragmentedBytes, 0, maximum);
        return Create(cpu, cpu, used, used, maximum - used, maximum - used, maximum);
    }

    /// <summary>Orleans keeps the statistics' constructor internal; a test checks that this still binds to it.</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern EnvironmentStatistics Create(float cpuUsagePercentage, float rawCpuUsagePercentage, long memoryUsageBytes,
        long rawMemoryUsageBytes, long availableMemoryBytes, long rawAvailableMemoryBytes, long maximumAvailableMemoryBytes);

    /// <summary>This process's share of the machine's CPU time since the previous window, 0–100 (as the runtime's <c>cpu-usage</c>).</summary>
    private float CpuPercent()
    {
        lock (_lock)
        {
            var elapsed = time.GetElapsedTime(_lastAt);
            if (elapsed < CpuWindow)
                return _cpuPercent;
            var cpu = Environment.CpuUsage.TotalTime;
            var used = (cpu - _lastCpu) / (elapsed * Environment.ProcessorCount);
            (_lastCpu, _lastAt, _cpuPercent) = (cpu, time.GetTimestamp(), (float)Math.Clamp(used * 100, 0, 100));
            return _cpuPercent;
        }
    }
}
