using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using OrleansP2P.Protos;

namespace OrleansP2P.Integration.Tests.Infrastructure;

/// <summary>What the tests of a peer of several processes ask it, through whichever process serves its API.</summary>
public static class HubCalls
{
    /// <summary>A file's text through the original gRPC <c>DummyDownload</c>.</summary>
    public static async Task<string> DownloadTextAsync(PeerProcess peer, string name)
    {
        using var channel = GrpcChannel.ForAddress(peer.GrpcUrl);
        using var call = new FileTransfer.FileTransferClient(channel).DummyDownload(new FileRequest { Filename = name });
        using var received = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
            chunk.Data.WriteTo(received);
        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>The names in a <c>/files</c> answer.</summary>
    public static List<string> FileNames(JsonElement files) =>
        [.. files.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!)];

    /// <summary>The download job <paramref name="id"/> as <paramref name="peer"/> lists it; null while its cluster does not answer.</summary>
    public static async Task<JsonElement?> JobAsync(PeerProcess peer, string id)
    {
        using var response = await peer.Http.GetAsync("/downloads");
        if (!response.IsSuccessStatusCode)
            return null;
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("downloads").EnumerateArray().Where(j => j.GetProperty("id").GetString() == id).Select(j => (JsonElement?)j.Clone()).FirstOrDefault();
    }

    /// <summary>The bytes of job <paramref name="id"/> verified so far; 0 while it is not listed or the cluster does not answer.</summary>
    public static async Task<long> VerifiedAsync(PeerProcess peer, string id) =>
        await JobAsync(peer, id) is { } job ? job.GetProperty("bytes_verified").GetInt64() : 0;

    /// <summary>The state of job <paramref name="id"/>; null while it is not listed or the cluster does not answer.</summary>
    public static async Task<string?> StateAsync(PeerProcess peer, string id) =>
        await JobAsync(peer, id) is { } job ? job.GetProperty("state").GetString() : null;

    /// <summary>The answer's JSON when it is a success; null (and the status noted in <paramref name="seen"/>) while the cluster recovers.</summary>
    public static async Task<JsonElement?> GetAsync(PeerProcess peer, string path, List<System.Net.HttpStatusCode> seen)
    {
        using var response = await peer.Http.GetAsync(path);
        seen.Add(response.StatusCode);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : null;
    }
}
