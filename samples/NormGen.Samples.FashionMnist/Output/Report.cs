using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGen.Samples.FashionMnist.Experiments;
using Spectre.Console;

namespace NormGen.Samples.FashionMnist.Output
{
    /// <summary>The results table printed at the end: the last epoch of every run.</summary>
    public static class Report
    {
        public static Table Table(IReadOnlyList<RunResult> runs)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Fashion-MNIST results (test accuracy in eval mode)");
            foreach (var column in new[] { "experiment", "configuration", "batch", "lr", "epochs", "train loss", "test acc.", "best acc.", "images/s", "NormGen share", "seconds" })
            {
                table.AddColumn(new TableColumn(column) { Alignment = column is "experiment" or "configuration" ? Justify.Left : Justify.Right });
            }

            foreach (var run in runs)
            {
                var last = run.Epochs[^1];
                table.AddRow(
                    run.Spec.Experiment,
                    Markup.Escape(run.Spec.Configuration),
                    Number(run.Spec.Batch),
                    run.Spec.LearningRate.ToString("0.####", CultureInfo.InvariantCulture),
                    Number(run.Epochs.Count),
                    last.TrainLoss.ToString("F4", CultureInfo.InvariantCulture),
                    last.TestAccuracy.ToString("F4", CultureInfo.InvariantCulture),
                    run.Epochs.Max(e => e.TestAccuracy).ToString("F4", CultureInfo.InvariantCulture),
                    run.Epochs.Average(e => e.ImagesPerSecond).ToString("F0", CultureInfo.InvariantCulture),
                    run.Epochs.Average(e => e.NormGenShare).ToString("P1", CultureInfo.InvariantCulture),
                    run.Epochs.Sum(e => e.Seconds).ToString("F1", CultureInfo.InvariantCulture));
            }

            return table;
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
