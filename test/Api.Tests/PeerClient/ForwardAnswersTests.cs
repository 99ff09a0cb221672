using System.Text.Json;
using OrleansP2P.Api.PeerClient;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Api.Tests.PeerClient;

/// <summary><see cref="ForwardAnswers"/>: what a search hop's answer must be to reach the grains, and how it is bounded.</summary>
public sealed class ForwardAnswersTests
{
    private const string Checksum = "ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789";

    public static TheoryData<string> Breakers => new(Breaks.Keys);

    /// <summary>One way to break each part of an otherwise valid answer (<see cref="Valid"/>).</summary>
    private static readonly Dictionary<string, Func<string, string>> Breaks = new(StringComparer.Ordinal)
    {
        ["results null"] = json => json.Replace("\"results\":[", "\"results\":null,\"x\":[", StringComparison.Ordinal),
        ["peer entry null"] = json => json.Replace("\"results\":[", "\"results\":[null,", StringComparison.Ordinal),
        ["peer null"] = json => json.Replace("\"peer\":\"next\"", "\"peer\":null", StringComparison.Ordinal),
        ["peer 65 characters"] = json => json.Replace("\"peer\":\"next\"", $"\"peer\":\"{new string('p', 65)}\"", StringComparison.Ordinal),
        ["peer blank"] = json => json.Replace("\"peer\":\"next\"", "\"peer\":\"  \"", StringComparison.Ordinal),
        ["peer with a control character"] = json => json.Replace("\"peer\":\"next\"", "\"peer\":\"ne\\u001bxt\"", StringComparison.Ordinal),
        ["url missing"] = json => json.Replace("\"url\":\"HTTP://Next.Example:8003\",", "", StringComparison.Ordinal),
        ["url with a path"] = json => json.Replace("Next.Example:8003", "next.example:8003/admin", StringComparison.Ordinal),
        ["url not http"] = json => json.Replace("HTTP://", "file://", StringComparison.Ordinal),
        ["grpc with a control character"] = json => json.Replace("next.example:9003", "next\\n:9003", StringComparison.Ordinal),
        ["files null"] = json => json.Replace("\"files\":[", "\"files\":null,\"x\":[", StringComparison.Ordinal),
        ["file entry null"] = json => json.Replace("\"files\":[", "\"files\":[null,", StringComparison.Ordinal),
        ["file entry empty"] = json => json.Replace("\"files\":[", "\"files\":[{},", StringComparison.Ordinal),
        ["name with a separator"] = json => json.Replace("report.pdf", "../report.pdf", StringComparison.Ordinal),
        ["name too long"] = json => json.Replace("report.pdf", new string('r', 256), StringComparison.Ordinal),
        ["name a dotfile"] = json => json.Replace("report.pdf", ".ssh", StringComparison.Ordinal),
        ["checksum short"] = json => json.Replace(Checksum, "abc", StringComparison.Ordinal),
        ["checksum not hex"] = json => json.Replace(Checksum, new string('g', 64), StringComparison.Ordinal),
        ["checksum null"] = json => json.Replace($"\"{Checksum}\"", "null", StringComparison.Ordinal),
        ["size negative"] = json => json.Replace("\"size\":12", "\"size\":-12", StringComparison.Ordinal),
        ["extension too long"] = json => json.Replace("\".pdf\"", $"\"{new string('e', 256)}\"", StringComparison.Ordinal),
    };

    [Fact]
    public void A_valid_answer_reaches_the_grains_with_canonical_url_and_lower_case_checksum()
    {
        var outcome = ForwardAnswers.ToOutcome(Read(Valid()), maxResults: 10);

        var hits = Assert.Single(outcome.Results);
        Assert.Equal(("next", "http://next.example:8003", "next.example:9003"), (hits.Peer, hits.Url, hits.Grpc));
        var file = Assert.Single(hits.Files);
        Assert.Equal(("report.pdf", 12L, 7L, Checksum.ToLowerInvariant(), ".pdf"), (file.Name, file.Size, file.MtimeUnix, file.Sha256, file.Extension));
        Assert.Equal((false, 3, false), (outcome.Complete, outcome.PeersReached, outcome.Truncated));
    }

    [Theory]
    [MemberData(nameof(Breakers))]
    public void One_bad_part_makes_the_whole_answer_invalid(string breaker)
    {
        var answer = Read(Breaks[breaker](Valid(extraFile: true)));

        Assert.Throws<PeerAnswerException>(() => ForwardAnswers.ToOutcome(answer, maxResults: 10));
    }

    [Theory]
    [InlineData(int.MaxValue, ForwardAnswers.MaxPeersReached)]
    [InlineData(ForwardAnswers.MaxPeersReached + 1, ForwardAnswers.MaxPeersReached)]
    [InlineData(-1, 0)]
    [InlineData(int.MinValue, 0)]
    public void Peers_reached_is_clamped_not_refused(int claimed, int counted)
    {
        var answer = Read(Valid().Replace("\"peers_reached\":3", $"\"peers_reached\":{claimed}", StringComparison.Ordinal));

        Assert.Equal(counted, ForwardAnswers.ToOutcome(answer, maxResults: 10).PeersReached);
    }

    [Fact]
    public void Files_past_search_max_results_are_left_out_in_answer_order_and_the_answer_says_truncated()
    {
        var answer = Read(Valid(extraFile: true));

        var outcome = ForwardAnswers.ToOutcome(answer, maxResults: 1);

        Assert.True(outcome.Truncated);
        Assert.Equal("report.pdf", Assert.Single(Assert.Single(outcome.Results).Files).Name);
    }

    [Fact]
    public void A_truncated_answer_stays_truncated_and_a_peer_entry_without_files_is_dropped()
    {
        var answer = Read(Valid().Replace("\"complete\":false", "\"complete\":true,\"truncated\":true", StringComparison.Ordinal)
            .Replace("\"results\":[", "\"results\":[{\"peer\":\"empty\",\"url\":\"http://empty.example:1\",\"files\":[]},", StringComparison.Ordinal));

        var outcome = ForwardAnswers.ToOutcome(answer, maxResults: 10);

        Assert.True(outcome.Truncated);
        Assert.Equal("next", Assert.Single(outcome.Results).Peer);
    }

    [Fact]
    public void A_files_tree_reaches_the_grains_in_lower_case()
    {
        var answer = Read(Valid().Replace("\"type\":", $"\"piece_size\":1048576,\"tree\":\"{Checksum}\",\"type\":", StringComparison.Ordinal));

        var file = Assert.Single(Assert.Single(ForwardAnswers.ToOutcome(answer, maxResults: 10).Results).Files);

        Assert.Equal(Checksum.ToLowerInvariant(), file.Tree);
    }

    [Theory]
    [InlineData("\"tree\":\"abc\"")]
    [InlineData("\"tree\":\"gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg\"")]
    [InlineData("\"tree\":null")]
    [InlineData("\"piece_size\":4096,\"tree\":\"" + Checksum + "\"")]
    public void A_null_or_malformed_tree_is_dropped_and_the_file_kept_without_one(string tree)
    {
        var answer = Read(Valid().Replace("\"type\":", tree + ",\"type\":", StringComparison.Ordinal));

        var file = Assert.Single(Assert.Single(ForwardAnswers.ToOutcome(answer, maxResults: 10).Results).Files);

        Assert.Equal("report.pdf", file.Name);
        Assert.Null(file.Tree);
    }

    private static ForwardResponseDto Read(string json) => JsonSerializer.Deserialize<ForwardResponseDto>(json, P2PJson.Options)!;

    private static string Valid(bool extraFile = false)
    {
        var extra = extraFile ? $$""",{"name":"second.txt","size":1,"mtime":7,"checksum":"{{Checksum}}","extension":null}""" : "";
        return $$"""
            {"results":[{"peer":"next","url":"HTTP://Next.Example:8003","grpc":"next.example:9003","files":[
                {"name":"report.pdf","size":12,"mtime":7,"checksum":"{{Checksum}}","extension":".pdf","type":"application/pdf"}{{extra}}]}],
             "complete":false,"peers_reached":3}
            """;
    }
}
