namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>What a refused upload must leave untouched: the files a peer has written, by path and size.</summary>
public static class ShareSnapshot
{
    /// <summary>Every file in the shared folder (hidden and part files included) and in the part-file folder.</summary>
    public static List<string> Of(PeerFixture peer)
    {
        var temp = Path.Combine(Path.GetDirectoryName(peer.Share.SharedDir)!, "data", "tmp");
        return [.. new[] { peer.Share.SharedDir, temp }
            .Where(Directory.Exists)
            .SelectMany(dir => new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            .Select(f => $"{f.FullName}:{f.Length}")
            .Order(StringComparer.Ordinal)];
    }
}
