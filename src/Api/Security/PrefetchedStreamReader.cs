using Grpc.Core;

namespace OrleansP2P.Api.Security;

/// <summary>
/// A request stream whose first message was read ahead (a signed upload's signature covers its header, the first
/// message) and is handed out again as the first one, so the service reads the stream as the client sent it.
/// </summary>
public sealed class PrefetchedStreamReader<T> : IAsyncStreamReader<T>
{
    private readonly IAsyncStreamReader<T> _inner;
    private bool _onFirst;
    private bool _pastFirst;

    /// <param name="inner">The stream, already moved to its first message (or to its end).</param>
    /// <param name="hasFirst">What that first <c>MoveNext</c> returned.</param>
    /// <param name="first">The first message, when there was one.</param>
    public PrefetchedStreamReader(IAsyncStreamReader<T> inner, bool hasFirst, T? first)
    {
        _inner = inner;
        HasFirst = hasFirst;
        First = first;
    }

    /// <summary>False when the stream ended before any message.</summary>
    public bool HasFirst { get; }

    public T? First { get; }

    public T Current => _onFirst ? First! : _inner.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!_onFirst && !_pastFirst)
        {
            _onFirst = true;
            return Task.FromResult(HasFirst);
        }
        _onFirst = false;
        _pastFirst = true;
        return HasFirst ? _inner.MoveNext(cancellationToken) : Task.FromResult(false);
    }
}
