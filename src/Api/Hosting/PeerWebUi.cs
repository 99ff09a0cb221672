using Microsoft.Extensions.FileProviders;

namespace OrleansP2P.Api.Hosting;

/// <summary>
/// The web UI at <c>/</c>: plain HTML, CSS and JS modules embedded in this assembly (wwwroot/), so a peer serves them
/// from any working directory and fetches nothing at run time. Every UI response carries a strict
/// Content-Security-Policy (no inline script, no plugins, no framing) and <c>nosniff</c>. <c>connect-src</c> allows
/// other peers' origins: the network graph reads their <c>GET /peers</c> (see <see cref="PeerCors"/>).
/// </summary>
public static class PeerWebUi
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' http: https:; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UsePeerWebUi(this WebApplication app)
    {
        var files = new ManifestEmbeddedFileProvider(typeof(PeerWebUi).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = static context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-cache"; // revalidate: a new peer version ships new assets under the same names
            },
        });
        return app;
    }
}
