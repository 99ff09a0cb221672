using OrleansP2P.Swarm.Holders;
using OrleansP2P.Swarm.Pieces;

namespace OrleansP2P.Swarm.Running;

/// <summary>
/// Keeps one holder busy: claims runs of pieces while its window has room, fetches each run with one Range request on
/// the shared connection pool, and hands every piece to the verifier as soon as its last byte is in. A failed request
/// gives its pieces back; enough failures in a row drop the holder.
/// </summary>
internal sealed class HolderDriver(
    HolderClient client, PieceList pieces, PieceScheduler scheduler, PieceVerifier verifier, PieceBuffers buffers, IdleWatch idle, Pulse pulse)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    public async Task RunAsync(HolderState holder, CancellationToken cancellationToken)
    {
        try
        {
            if (!await holder.Admitted.WaitAsync(cancellationToken))
                return; // its piece list did not fit the link
        }
        catch (OperationCanceledException)
        {
            return; // the run ended while its piece list was still on the way
        }
        var fetches = new List<Task>();
        while (!scheduler.IsComplete && !holder.IsDropped && !cancellationToken.IsCancellationRequested)
        {
            var wake = pulse.Next;
            var room = holder.Window - holder.InFlight;
            if (room > 0 && scheduler.TryClaim(holder, Math.Min(room, holder.Span)) is { } fetch)
            {
                fetches.Add(FetchAsync(fetch));
                continue;
            }
            fetches.RemoveAll(f => f.IsCompleted);
            try
            {
                await wake.WaitAsync(Recheck, cancellationToken);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                // look again: a recheck, or the end of the run (the loop sees it)
            }
        }
        await Task.WhenAll(fetches);
    }

    private async Task FetchAsync(PieceFetch fetch)
    {
        var holder = fetch.Holder;
        try
        {
            var last = fetch.End - 1;
            using var response = await client.GetRangeAsync(holder.BaseUrl, pieces.Content.Sha256, PieceList.Offset(fetch.Start),
                PieceList.Offset(last) + pieces.Length(last) - 1, pieces.Content.Size, fetch.Token);
            await using var body = await response.Content.ReadAsStreamAsync(fetch.Token);
            while (fetch.Next < fetch.End)
            {
                var index = fetch.Next;
                var buffer = await ReadPieceAsync(body, pieces.Length(index), holder, fetch.Token);
                scheduler.Delivered(fetch, index);
                fetch.Next++;
                verifier.Post(new LandedPiece(index, buffer, pieces.Length(index), holder));
            }
            holder.Succeeded();
        }
        catch (Exception) when (fetch.Token.IsCancellationRequested)
        {
            // an endgame loser, a dropped holder, or the end of the run
        }
        catch (Exception e) when (e is HttpRequestException or IOException or HolderException)
        {
            holder.Failed(e.Message);
        }
        finally
        {
            scheduler.Finished(fetch);
            fetch.Dispose();
            pulse.Signal();
        }
    }

    private async Task<PieceBuffer> ReadPieceAsync(Stream body, int length, HolderState holder, CancellationToken cancellationToken)
    {
        var buffer = buffers.Rent();
        try
        {
            for (var got = 0; got < length;)
            {
                var read = await body.ReadAsync(buffer.Memory[got..length], cancellationToken);
                if (read == 0)
                    throw new HolderException($"ended its answer {length - got} bytes short of a piece");
                got += read;
                idle.Touch();
                holder.Received(read);
            }
            return buffer;
        }
        catch
        {
            buffers.Return(buffer);
            throw;
        }
    }
}
