using OrleansP2P.Grains.Abstractions;

namespace OrleansP2P.Grains.Downloads;

/// <summary>A download grain's persisted state: the order, where it stands, and the verified-piece bitmap.</summary>
[GenerateSerializer, Alias("p2p.DownloadState")]
public sealed class DownloadState
{
    [Id(0)] public DownloadOrder? Order { get; set; }

    [Id(1)] public string State { get; set; } = DownloadStates.Queued;

    [Id(2)] public string? Error { get; set; }

    [Id(3)] public long Posted { get; set; }

    [Id(4)] public byte[]? Pieces { get; set; }

    [Id(5)] public long? Size { get; set; }

    [Id(6)] public long BytesVerified { get; set; }
}

/// <summary>The download queue's persisted state: job ids in posting order, with the state each last reported.</summary>
[GenerateSerializer, Alias("p2p.DownloadsState")]
public sealed class DownloadsState
{
    [Id(0)] public List<QueuedDownload> Jobs { get; set; } = [];

    [Id(1)] public long NextPosted { get; set; }
}

[GenerateSerializer, Alias("p2p.QueuedDownload")]
public sealed class QueuedDownload
{
    [Id(0)] public string Id { get; set; } = "";

    [Id(1)] public string State { get; set; } = DownloadStates.Queued;
}
