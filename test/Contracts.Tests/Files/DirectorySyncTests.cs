using OrleansP2P.Contracts.Files;

namespace OrleansP2P.Contracts.Tests.Files;

public sealed class DirectorySyncTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("p2p-dirsync-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void A_folder_is_flushed_after_a_rename_into_it_where_the_platform_can()
    {
        var temp = Path.Combine(_folder.FullName, "file.tmp");
        File.WriteAllText(temp, "state");
        File.Move(temp, Path.Combine(_folder.FullName, "file.json"));

        Assert.Equal(OperatingSystem.IsLinux(), DirectorySync.Flush(_folder.FullName));
    }

    [Fact]
    public void A_folder_that_cannot_be_opened_is_an_error_not_a_silent_success()
    {
        var missing = Path.Combine(_folder.FullName, "missing");

        if (OperatingSystem.IsLinux())
            Assert.Throws<IOException>(() => DirectorySync.Flush(missing));
        else
            Assert.False(DirectorySync.Flush(missing));
    }
}
