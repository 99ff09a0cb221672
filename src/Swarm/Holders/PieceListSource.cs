using OrleansP2P.Contracts.Content;
using OrleansP2P.Swarm.Pieces;

namespace OrleansP2P.Swarm.Holders;

/// <summary>
/// Asks every holder for its piece list at once and admits the holders whose list fits the link; a holder that answers
/// another list, an error, or nothing is dropped with the reason. All holders of one content send the same leaves, so
/// the first accepted list is the one used, and the download starts with it: a holder still answering is admitted (or
/// dropped) when its answer comes, and asked for bytes only once admitted.
/// </summary>
internal static class PieceListSource
{
    public static async Task<PieceList> AgreeAsync(HolderClient client, IReadOnlyList<HolderState> holders, MagnetLink link, SwarmOptions options)
    {
        var first = new TaskCompletionSource<PieceList>(TaskCreationOptions.RunContinuationsAsynchronously);
        var asks = holders.Select(holder => AskAsync(client, holder, link, options, first)).ToList();
        var all = Task.WhenAll(asks);
        await Task.WhenAny(first.Task, all);
        if (first.Task.IsCompleted) // also when the last answer was the one accepted
            return await first.Task;
        var reasons = string.Join("; ", holders.Select(h => $"{h.Url}: {h.Snapshot().Dropped}"));
        throw new SwarmException(SwarmFailure.NoHolders,
            $"no holder has a piece list matching the link's x.tree ({reasons}); if every holder's root differs, the link's xt and x.tree name different contents");
    }

    private static async Task AskAsync(HolderClient client, HolderState holder, MagnetLink link, SwarmOptions options, TaskCompletionSource<PieceList> first)
    {
        try
        {
            var answer = await client.GetPiecesAsync(holder.BaseUrl, link.Sha256, PieceList.MaxAnswerBytes(options.MaxSize), holder.Token);
            if (PieceList.Accept(answer, link, options.MaxSize, out var problem) is not { } list)
            {
                holder.TryDrop(problem!);
                return;
            }
            holder.Admit();
            first.TrySetResult(list);
        }
        catch (Exception e) when (e is HolderException or HttpRequestException or IOException)
        {
            holder.TryDrop(e.Message);
        }
        catch (OperationCanceledException) when (holder.Token.IsCancellationRequested)
        {
            holder.TryDrop("the download ended before it sent its piece list");
        }
    }
}
