using OrleansP2P.Swarm.Holders;
using OrleansP2P.Swarm.Resuming;

namespace OrleansP2P.Swarm.Pieces;

/// <summary>
/// Which piece goes to which holder. Pieces are handed out lowest first (so the in-order hash keeps up), in runs of up
/// to a holder's span; a piece is claimed until it is verified or given back (its request failed, or it was bad).
/// Endgame: once nothing is left unclaimed, an idle holder duplicates a piece another holder is still fetching, and
/// the first verified copy cancels the other requests for it. One lock guards it all; every call is short.
/// </summary>
internal sealed class PieceScheduler
{
    /// <summary>Copies of one piece fetched at once in the endgame.</summary>
    private const int MaxCopies = 2;

    private readonly Lock _gate = new();
    private readonly PieceBitmap _verified;
    private readonly int[] _claims;
    private readonly List<PieceFetch>?[] _fetches;
    private int _cursor;

    public PieceScheduler(PieceBitmap verified)
    {
        _verified = verified.Copy();
        _claims = new int[verified.Count];
        _fetches = new List<PieceFetch>?[verified.Count];
    }

    public int Count => _verified.Count;

    public int VerifiedCount { get { lock (_gate) return _verified.SetCount; } }

    public bool IsComplete => VerifiedCount == Count;

    public bool IsVerified(int index) { lock (_gate) return _verified[index]; }

    public PieceBitmap SnapshotVerified() { lock (_gate) return _verified.Copy(); }

    /// <summary>A run of unclaimed pieces for <paramref name="holder"/>, or in the endgame one piece another holder is slow with; null when there is none.</summary>
    public PieceFetch? TryClaim(HolderState holder, int maxSpan)
    {
        lock (_gate)
        {
            while (_cursor < Count && (_verified[_cursor] || _claims[_cursor] > 0))
                _cursor++;
            if (_cursor < Count)
            {
                var end = _cursor + 1;
                while (end < Count && end - _cursor < maxSpan && !_verified[end] && _claims[end] == 0)
                    end++;
                return Register(new PieceFetch(holder, _cursor, end));
            }
            for (var i = 0; i < Count; i++)
            {
                if (!_verified[i] && _claims[i] is > 0 and < MaxCopies && _fetches[i] is { Count: > 0 } others && others.TrueForAll(f => f.Holder != holder))
                    return Register(new PieceFetch(holder, i, i + 1));
            }
            return null;
        }
    }

    /// <summary>The request delivered piece <paramref name="index"/> (it stays claimed until verified); it can no longer cancel it.</summary>
    public void Delivered(PieceFetch fetch, int index)
    {
        lock (_gate)
            _fetches[index]?.Remove(fetch);
    }

    /// <summary>The request ended: the pieces it did not deliver are free again.</summary>
    public void Finished(PieceFetch fetch)
    {
        lock (_gate)
        {
            for (var i = fetch.Next; i < fetch.End; i++)
            {
                _fetches[i]?.Remove(fetch);
                Unclaim(i);
                fetch.Holder.Settled();
            }
        }
    }

    /// <summary>A landed copy was bad, a duplicate, or from a dropped holder: the claim ends without verifying.</summary>
    public void Rejected(LandedPiece piece)
    {
        lock (_gate)
            Unclaim(piece.Index);
        piece.Holder.Settled();
    }

    /// <summary>Marks a piece verified; false when another copy was first. Cancels the requests still fetching it.</summary>
    public bool Verified(LandedPiece piece)
    {
        var index = piece.Index;
        List<PieceFetch>? losers;
        piece.Holder.Settled();
        lock (_gate)
        {
            _claims[index]--;
            if (!_verified.Set(index))
                return false;
            losers = _fetches[index] is { Count: > 0 } f ? [.. f] : null;
        }
        losers?.ForEach(l => l.Cancel());
        return true;
    }

    /// <summary>A piece thought verified turned out wrong on disk (read back for the whole-file hash): fetch it again.</summary>
    public void Unverify(int index)
    {
        lock (_gate)
        {
            _verified.Clear(index);
            _cursor = Math.Min(_cursor, index);
        }
    }

    private PieceFetch Register(PieceFetch fetch)
    {
        for (var i = fetch.Start; i < fetch.End; i++)
        {
            _claims[i]++;
            (_fetches[i] ??= []).Add(fetch);
        }
        fetch.Holder.Claimed(fetch.End - fetch.Start);
        return fetch;
    }

    private void Unclaim(int index)
    {
        if (--_claims[index] == 0 && !_verified[index])
            _cursor = Math.Min(_cursor, index);
    }
}
