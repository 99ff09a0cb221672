using OrleansP2P.Contracts.Files;

namespace OrleansP2P.Contracts.Tests.Files;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("report.pdf")]
    [InlineData("dataset-4.bin")]
    [InlineData("no extension")]
    [InlineData("ünïcödé – ok.txt")]
    [InlineData("CONSOLE.txt")]
    [InlineData("com10")]
    [InlineData("a..b")]
    [InlineData("part")]
    public void Plain_names_are_accepted(string name) => Assert.Null(SafeFileName.Problem(name));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("..\\x")]
    [InlineData("/etc/passwd")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData("line\nbreak")]
    [InlineData("bell\u0007")]
    [InlineData(".hidden")]
    [InlineData("movie.mkv.part")]
    [InlineData("MOVIE.PART")]
    [InlineData("CON")]
    [InlineData("con")]
    [InlineData("nul.txt")]
    [InlineData("Aux.tar.gz")]
    [InlineData("COM1")]
    [InlineData("lpt9.log")]
    [InlineData("PRN ")]
    public void Unsafe_names_are_refused_with_a_reason(string name) => Assert.NotNull(SafeFileName.Problem(name));

    [Fact]
    public void A_name_of_255_characters_is_accepted_and_one_of_256_is_refused()
    {
        Assert.Null(SafeFileName.Problem(new string('a', 255)));
        Assert.Contains("longer than 255", SafeFileName.Problem(new string('a', 256)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_limit_counts_utf8_bytes_as_the_file_system_does_not_characters()
    {
        Assert.Null(SafeFileName.Problem(new string('é', 127) + "a")); // 255 bytes
        Assert.Contains("255 bytes", SafeFileName.Problem(new string('é', 128)), StringComparison.Ordinal); // 256 bytes
        Assert.NotNull(SafeFileName.Problem(new string('é', 200))); // 200 characters, 400 bytes
        Assert.NotNull(SafeFileName.Problem(string.Concat(Enumerable.Repeat("😀", 64)))); // 128 UTF-16 units, 256 bytes
    }

    [Fact]
    public void Combining_a_safe_name_gives_a_path_directly_inside_the_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "shared");

        var path = SafeFileName.TryCombine(folder + Path.DirectorySeparatorChar, "file.txt", out var problem);

        Assert.Null(problem);
        Assert.Equal(Path.Combine(Path.GetFullPath(folder), "file.txt"), path);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("sub/dir.txt")]
    [InlineData("..")]
    public void Combining_an_unsafe_name_gives_no_path(string name)
    {
        Assert.Null(SafeFileName.TryCombine(Path.GetTempPath(), name, out var problem));
        Assert.NotNull(problem);
    }
}
