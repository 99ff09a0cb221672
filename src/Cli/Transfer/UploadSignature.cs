using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrleansP2P.Contracts.Security;
using OrleansP2P.Protos;

namespace OrleansP2P.Cli.Transfer;

/// <summary>
/// What the signature of an <c>Upload</c> call covers in place of a body hash (ARCHITECTURE.md, "Signed gRPC uploads"):
/// <c>hex(SHA-256("name\nsize\nsha256\noverwrite"))</c> of its <see cref="FileHeader"/>, so that a captured signature
/// cannot carry other content. Contracts gains the same computation as <c>RequestSigner.UploadHash</c> with the
/// peer-side change; this copy lives in the CLI until then, and can give way to it after the merge.
/// </summary>
public static class UploadSignature
{
    /// <summary>
    /// Whether uploads sign their header by default. Off while peers still verify an upload's signature over the empty
    /// body's hash (a header-signed upload would be refused as a wrong signature); on once they verify the header.
    /// </summary>
    public const bool SignsHeaderByDefault = false;

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text: name, size (invariant decimal), SHA-256 and overwrite (true/false), one per line.</summary>
    public static string HeaderHash(FileHeader header)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{header.Name}\n{header.Size}\n{header.Sha256}\n{(header.Overwrite ? "true" : "false")}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The body hash an <c>Upload</c> call carrying <paramref name="header"/> is signed over.</summary>
    public static string BodyHash(FileHeader header, bool signsHeader) =>
        signsHeader ? HeaderHash(header) : RequestSigner.EmptyBodyHash;
}
