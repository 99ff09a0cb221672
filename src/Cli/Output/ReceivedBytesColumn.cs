using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansP2P.Cli.Output;

/// <summary>Bytes received so far, for transfers of unknown size (DownloadedColumn needs a total).</summary>
public sealed class ReceivedBytesColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(Format.Bytes((long)task.Value));
}
