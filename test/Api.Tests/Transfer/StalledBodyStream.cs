namespace OrleansP2P.Api.Tests.Transfer;

/// <summary>
/// A request body that gives <paramref name="first"/> and then nothing: the next read waits until it is cancelled,
/// or ends the body after <paramref name="giveUp"/> (so a server that never cuts it fails the test instead of hanging it).
/// </summary>
public sealed class StalledBodyStream(byte[] first, TimeSpan giveUp) : Stream
{
    private int _sent;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_sent < first.Length) // as much as the reader asks for (a pipe reader's buffer can be smaller than first)
        {
            var length = Math.Min(buffer.Length, first.Length - _sent);
            first.AsSpan(_sent, length).CopyTo(buffer.Span);
            _sent += length;
            return length;
        }
        await Task.Delay(giveUp, cancellationToken); // wait-ok: a client that stops sending its body
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
