namespace OrleansP2P.Grains.Storage;

/// <summary>What an uploader announces before its bytes (the <c>info</c> header of the <c>Upload</c> RPC).</summary>
/// <param name="Sha256">The whole file's SHA-256, hex (either case).</param>
/// <param name="Overwrite">Replace a different file of the same name instead of refusing with ALREADY_EXISTS.</param>
public sealed record UploadRequest(string Name, long Size, string Sha256, bool Overwrite);
