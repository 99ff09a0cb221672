using OrleansP2P.Api.Search;
using OrleansP2P.Contracts;
using OrleansP2P.Contracts.Rest;

namespace OrleansP2P.Api.Tests.Search;

/// <summary>A forward's optional relay hints, read as untrusted input (<see cref="RelayHintsReader"/>).</summary>
public sealed class RelayHintsReaderTests
{
    private const string View = "0123456789abcdef";

    [Fact]
    public void A_forward_without_hints_reads_as_none_so_its_receiver_floods()
    {
        Assert.True(SearchLimits.TryRead(Body(), 2000, out var copy, out var error), error);

        Assert.Null(copy.Hints);
    }

    [Fact]
    public void Relay_urls_and_known_urls_come_back_canonical_and_known_ttls_above_7_become_7()
    {
        var body = Body(relay: ["HTTP://B.Example:2/"], view: View, known: new() { ["http://C.example:3"] = 9, ["http://d.example:4"] = 2 });

        Assert.True(SearchLimits.TryRead(body, 2000, out var copy, out var error), error);

        Assert.Equal<string>(["http://b.example:2"], copy.Hints!.Relay);
        Assert.Equal(View, copy.Hints.View);
        Assert.Equal(7, copy.Hints.Known["http://c.example:3"]);
        Assert.Equal(2, copy.Hints.Known["http://d.example:4"]);
    }

    public static TheoryData<ForwardRequestDto, string> Refused => new()
    {
        { Body(relay: ["http://b.example:2"]), "'relay' needs 'relay_view'" },
        { Body(relay: [], view: "ABCDEF0123456789"), "'relay_view'" },
        { Body(relay: [], view: "abc"), "'relay_view'" },
        { Body(relay: [.. Enumerable.Range(0, PeerLinks.MaxLinks + 1).Select(i => $"http://p{i}.example:1")], view: View), "'relay' lists at most" },
        { Body(relay: ["ftp://b.example:2"], view: View), "'relay' holds a bad URL" },
        { Body(known: new() { ["http://b.example:2"] = -1 }), "'known' ttls must not be negative" },
        { Body(known: new() { ["not a url"] = 1 }), "'known' holds a bad URL" },
        { Body(known: Enumerable.Range(0, PeerLinks.MaxKnown + 1).ToDictionary(i => $"http://p{i}.example:1", _ => 1)), "'known' holds at most" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Hints_out_of_bounds_refuse_the_forward_naming_the_field(ForwardRequestDto body, string expected)
    {
        Assert.False(SearchLimits.TryRead(body, 2000, out var copy, out var error));

        Assert.Null(copy);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    private static ForwardRequestDto Body(IReadOnlyList<string>? relay = null, string? view = null, Dictionary<string, int>? known = null) =>
        new("7d7f2c1e-8d1c-4a8e-9d55-0c7a3f0f9b10", "report", 2, 3, "http://a.example:1", ["http://a.example:1"], 500, relay, view, known);
}
