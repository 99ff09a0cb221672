using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace OrleansP2P.Api.Network;

/// <summary>
/// <c>/routing</c> requests held open until the table changes (<c>Prefer: wait=N</c>, RFC 7240): how long one may wait,
/// and how many may wait at once (beyond that, a request is answered at once, as without the header).
/// </summary>
public sealed class RoutingWaits
{
    /// <summary>The longest a request is held.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>Requests held at once: far more than a peer's neighbours (<c>max_neighbors</c> is at most 64).</summary>
    public const int MaxWaiting = 256;

    private int _waiting;

    /// <summary>Requests held right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _waiting) <= MaxWaiting)
            return true;
        Interlocked.Decrement(ref _waiting);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _waiting);

    /// <summary>
    /// The wait a <c>Prefer</c> header asks for (<c>wait=</c> seconds, at most <see cref="MaxWait"/>), or null when it asks
    /// none, or zero seconds, or writes it in a way we do not read.
    /// </summary>
    public static TimeSpan? Requested(StringValues prefer)
    {
        foreach (var value in prefer)
        {
            foreach (var preference in (value ?? "").Split(','))
            {
                var token = preference.Split(';')[0].Split('=', 2);
                if (token.Length == 2 && token[0].Trim().Equals("wait", StringComparison.OrdinalIgnoreCase)
                    && token[1].Trim() is { Length: > 0 and <= 9 } seconds && seconds.All(char.IsAsciiDigit))
                {
                    var wait = TimeSpan.FromSeconds(Math.Min(int.Parse(seconds, CultureInfo.InvariantCulture), MaxWait.TotalSeconds));
                    return wait > TimeSpan.Zero ? wait : null;
                }
            }
        }
        return null;
    }

    /// <summary>The header value for <paramref name="wait"/> (whole seconds).</summary>
    public static string Format(TimeSpan wait) => string.Create(CultureInfo.InvariantCulture, $"wait={(int)wait.TotalSeconds}");
}
