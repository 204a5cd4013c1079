using System;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NormGen.Samples.FashionMnist.Output
{
    /// <summary>A progress column with the task's training speed in images per second.</summary>
    public sealed class ImagesPerSecondColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is double speed ? $"{speed,6:F0} img/s" : "     - img/s", new Style(Color.Grey));
    }
}
