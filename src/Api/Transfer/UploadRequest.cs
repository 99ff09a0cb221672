namespace OrleansP2P.Api.Transfer;

/// <summary>What an uploader announces before its bytes (the <c>info</c> header of the <c>Upload</c> RPC).</summary>
/// <param name="Size">The whole file's size; null when not announced (an HTTP upload without <c>Content-Length</c>):
/// then <c>max_upload_bytes</c> is enforced as the bytes arrive.</param>
/// <param name="Sha256">The whole file's SHA-256, hex (either case); null when not announced (an HTTP upload without
/// <c>X-Content-SHA256</c>): then the clash check runs when the file is published. gRPC always announces both.</param>
/// <param name="Overwrite">Replace a different file of the same name instead of refusing with ALREADY_EXISTS.</param>
public sealed record UploadRequest(string Name, long? Size, string? Sha256, bool Overwrite);
