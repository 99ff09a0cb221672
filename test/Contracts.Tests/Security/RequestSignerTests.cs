using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OrleansP2P.Contracts.Security;

namespace OrleansP2P.Contracts.Tests.Security;

public sealed class RequestSignerTests
{
    private const string Key = "correct-horse-battery-staple";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);

    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void The_signature_matches_an_HMAC_computed_independently_over_the_literal_canonical_string()
    {
        var body = "{\"url\":\"http://10.0.0.5:8001\"}"u8.ToArray();
        // Written out by hand: the contract's string, nothing taken from the signer.
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var canonical = "POST\n/search/forward?x=a%20b\n1760000000\nnonce-123\n" + bodyHash;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Key));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes(canonical)));

        var signer = new RequestSigner(Key, _time);

        Assert.Equal(expected, signer.Compute("POST", "/search/forward?x=a%20b", "1760000000", "nonce-123", RequestSigner.HashBody(body)));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", RequestSigner.EmptyBodyHash);
    }

    [Fact]
    public void An_upload_hash_is_the_sha256_of_the_literal_header_string_with_overwrite_as_true_or_false()
    {
        var sha = new string('a', 64);
        // Written out by hand: the contract's string, nothing taken from the signer.
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"r\u00e9sum\u00e9.pdf\n1048577\n{sha}\ntrue")));

        Assert.Equal(expected, RequestSigner.UploadHash("r\u00e9sum\u00e9.pdf", 1_048_577, sha, overwrite: true));
        Assert.NotEqual(expected, RequestSigner.UploadHash("r\u00e9sum\u00e9.pdf", 1_048_577, sha, overwrite: false));
    }

    [Fact]
    public void A_fresh_signature_verifies_once_and_its_replay_is_refused()
    {
        var signer = new RequestSigner(Key, _time);
        var nonces = new NonceCache(_time);
        var s = signer.Sign("POST", "/register", RequestSigner.EmptyBodyHash);

        Assert.Null(signer.Verify("POST", "/register", RequestSigner.EmptyBodyHash, s.Timestamp, s.Nonce, s.Signature, nonces));
        Assert.Contains("replayed", signer.Verify("POST", "/register", RequestSigner.EmptyBodyHash, s.Timestamp, s.Nonce, s.Signature, nonces));
    }

    [Theory]
    [InlineData("GET", "/register", "wrong signature")]
    [InlineData("POST", "/bootstrap", "wrong signature")]
    public void A_signature_made_for_another_method_or_path_is_wrong(string method, string path, string reason)
    {
        var signer = new RequestSigner(Key, _time);
        var s = signer.Sign("POST", "/register", RequestSigner.EmptyBodyHash);

        Assert.Equal(reason, signer.Verify(method, path, RequestSigner.EmptyBodyHash, s.Timestamp, s.Nonce, s.Signature, new NonceCache(_time)));
    }

    [Fact]
    public void A_signature_made_with_another_key_is_wrong_and_the_reason_does_not_name_either_key()
    {
        var s = new RequestSigner("another-key-of-16-chars", _time).Sign("POST", "/register", RequestSigner.EmptyBodyHash);

        var reason = new RequestSigner(Key, _time).Verify("POST", "/register", RequestSigner.EmptyBodyHash, s.Timestamp, s.Nonce, s.Signature, new NonceCache(_time));

        Assert.Equal("wrong signature", reason);
    }

    [Theory]
    [InlineData(-61, true)]
    [InlineData(61, true)]
    [InlineData(-59, false)]
    [InlineData(59, false)]
    public void A_timestamp_more_than_60_seconds_away_is_refused(int offsetSeconds, bool refused)
    {
        // The caller's clock is off by offsetSeconds from ours.
        var s = new RequestSigner(Key, new FakeTimeProvider(Now.AddSeconds(offsetSeconds))).Sign("POST", "/register", RequestSigner.EmptyBodyHash);

        var reason = new RequestSigner(Key, _time).Verify("POST", "/register", RequestSigner.EmptyBodyHash, s.Timestamp, s.Nonce, s.Signature, new NonceCache(_time));

        Assert.Equal(refused, reason is not null && reason.Contains("60 s", StringComparison.Ordinal));
        Assert.Equal(refused, reason is not null);
    }

    [Fact]
    public void Missing_headers_and_overlong_nonces_are_refused()
    {
        var signer = new RequestSigner(Key, _time);
        var nonces = new NonceCache(_time);

        Assert.Contains("missing", signer.Verify("POST", "/register", RequestSigner.EmptyBodyHash, null, null, null, nonces));
        Assert.Contains("64", signer.Verify("POST", "/register", RequestSigner.EmptyBodyHash, "1760000000", new string('n', 65), "00", nonces));
    }
}
