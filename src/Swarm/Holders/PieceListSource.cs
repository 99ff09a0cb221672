using System.Net.Http;
using OrleansP2P.Contracts.Content;
using OrleansP2P.Swarm.Pieces;

namespace OrleansP2P.Swarm.Holders;

/// <summary>
/// Asks every holder for its piece list at once and keeps the holders whose list fits the link; a holder that answers
/// another list, an error, or nothing is dropped with the reason. All holders of one content send the same leaves, so
/// the first accepted list is the one used.
/// </summary>
internal static class PieceListSource
{
    public static async Task<PieceList> AgreeAsync(HolderClient client, IReadOnlyList<HolderState> holders, MagnetLink link, SwarmOptions options)
    {
        var lists = await Task.WhenAll(holders.Select(holder => AskAsync(client, holder, link, options)));
        if (lists.FirstOrDefault(list => list is not null) is { } accepted)
            return accepted;
        var reasons = string.Join("; ", holders.Select(h => $"{h.Url}: {h.Snapshot().Dropped}"));
        throw new SwarmException(SwarmFailure.NoHolders,
            $"no holder has a piece list matching the link's x.tree ({reasons}); if every holder's root differs, the link's xt and x.tree name different contents");
    }

    private static async Task<PieceList?> AskAsync(HolderClient client, HolderState holder, MagnetLink link, SwarmOptions options)
    {
        try
        {
            var answer = await client.GetPiecesAsync(holder.BaseUrl, link.Sha256, PieceList.MaxAnswerBytes(options.MaxSize), holder.Token);
            if (PieceList.Accept(answer, link, options.MaxSize, out var problem) is { } list)
                return list;
            holder.TryDrop(problem!);
        }
        catch (Exception e) when (e is HolderException or HttpRequestException or IOException
            || e is OperationCanceledException && holder.IsDropped)
        {
            holder.TryDrop(e.Message);
        }
        return null;
    }
}
