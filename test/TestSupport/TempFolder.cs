using System.Diagnostics;
using System.Text;

namespace OrleansP2P.Testing;

/// <summary>A fresh folder under the system temp folder; deleted, with everything in it, on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix) => Root = Directory.CreateTempSubdirectory(prefix + "-").FullName;

    public string Root { get; }

    public string PathOf(string relativePath) => Path.GetFullPath(relativePath, Root);

    /// <summary>Writes a file (creating its folder) and returns its full path.</summary>
    public string Write(string relativePath, byte[] content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string relativePath, string text) => Write(relativePath, Encoding.UTF8.GetBytes(text));

    /// <summary>Creates a symbolic link at <paramref name="relativePath"/> pointing to <paramref name="target"/>.</summary>
    public string Symlink(string relativePath, string target)
    {
        var path = PathOf(relativePath);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    /// <summary>Creates a named pipe (FIFO) at <paramref name="relativePath"/> with <c>mkfifo</c>.</summary>
    public string MakeFifo(string relativePath)
    {
        var path = PathOf(relativePath);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } })
            ?? throw new InvalidOperationException("mkfifo did not start");
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
            throw new InvalidOperationException($"mkfifo {path} failed with exit code {mkfifo.ExitCode}");
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true); // deletes links, never their targets
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless; failing a test run over it is not.
        }
    }
}
