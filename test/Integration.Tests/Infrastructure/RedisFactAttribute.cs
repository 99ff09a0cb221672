namespace OrleansP2P.Integration.Tests.Infrastructure;

/// <summary>A fact that needs <c>redis-server</c> on PATH (Debian package <c>redis-server</c>; .ci/run installs it).</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!RedisServer.IsInstalled)
            Skip = "redis-server is not installed (apt-get install redis-server): the multi-silo peer needs Redis clustering";
    }
}
