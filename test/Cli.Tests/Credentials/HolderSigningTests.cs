using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Cli.Tests.Credentials;

public sealed class HolderSigningTests
{
    private const string Key = "holder-signing-test-key-0123456789";

    [Fact]
    public async Task A_request_to_a_holder_carries_a_signature_a_peer_with_the_key_accepts()
    {
        var signer = new RequestSigner(Key, TimeProvider.System);
        using var capture = new Capture();
        using var http = new HttpClient(new HolderSigning(signer, capture));

        await http.GetAsync(new Uri("http://127.0.0.1:1/content/" + new string('a', 64) + "?x=1"));

        var request = capture.Request!;
        string? Header(string name) => request.Headers.GetValues(name).Single();
        var reason = signer.Verify("GET", $"/content/{new string('a', 64)}?x=1", RequestSigner.EmptyBodyHash, Header(RequestSigner.TimestampHeader),
            Header(RequestSigner.NonceHeader), Header(RequestSigner.SignatureHeader), new NonceCache(TimeProvider.System));
        Assert.Null(reason);
        Assert.NotNull(new RequestSigner("another key, another network", TimeProvider.System).Verify("GET", request.RequestUri!.PathAndQuery,
            RequestSigner.EmptyBodyHash, Header(RequestSigner.TimestampHeader), Header(RequestSigner.NonceHeader), Header(RequestSigner.SignatureHeader),
            new NonceCache(TimeProvider.System)));
    }

    /// <summary>Keeps the request it is sent and answers 200 without a network.</summary>
    private sealed class Capture : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
