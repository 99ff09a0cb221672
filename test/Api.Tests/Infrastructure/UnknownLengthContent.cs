using System.Net;

namespace OrleansP2P.Api.Tests.Infrastructure;

/// <summary>A request body sent without Content-Length (as a chunked upload would be).</summary>
public sealed class UnknownLengthContent(byte[] content) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(content).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
