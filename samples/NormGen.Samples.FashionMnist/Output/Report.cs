using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGen.Samples.FashionMnist.Experiments;
using Spectre.Console;

namespace NormGen.Samples.FashionMnist.Output
{
    /// <summary>The results printed at the end: one table per experiment, the last epoch of every run.</summary>
    public static class Report
    {
        public static IEnumerable<Table> Tables(IReadOnlyList<RunResult> runs) =>
            runs.GroupBy(r => r.Spec.Experiment).Select(g => Table(g.Key, g.ToArray()));

        /// <summary>Where a training step's time goes, per run (stopwatch per layer kind, averaged over the epochs).</summary>
        public static Table StepTimes(IReadOnlyList<RunResult> runs)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("share of a training step");
            table.AddColumn("run");
            foreach (var column in new[] { "conv", "pool", "linear", "activation", "NormGen", "loss, SGD, rest" })
            {
                table.AddColumn(new TableColumn(column).RightAligned().NoWrap());
            }

            foreach (var run in runs)
            {
                string Average(System.Func<Training.StepShares, double> share) =>
                    run.Epochs.Average(e => share(e.Shares)).ToString("P1", CultureInfo.InvariantCulture);
                table.AddRow(
                    Markup.Escape($"{run.Spec.Experiment}: {run.Spec.Configuration}"),
                    Average(s => s.Convolution), Average(s => s.Pooling), Average(s => s.Linear), Average(s => s.Activation), Average(s => s.NormGen), Average(s => s.Rest));
            }

            return table;
        }

        private static Table Table(string experiment, RunResult[] runs)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"{experiment}: after {runs[0].Epochs.Count} epochs (test accuracy in eval mode)");
            table.AddColumn("configuration");
            foreach (var column in new[] { "batch", "lr", "loss", "test acc.", "best", "img/s", "NormGen", "s" })
            {
                table.AddColumn(new TableColumn(column).RightAligned().NoWrap());
            }

            foreach (var run in runs)
            {
                var last = run.Epochs[^1];
                table.AddRow(
                    Markup.Escape(run.Spec.Configuration),
                    run.Spec.Batch.ToString(CultureInfo.InvariantCulture),
                    run.Spec.LearningRate.ToString("0.####", CultureInfo.InvariantCulture),
                    last.TrainLoss.ToString("F4", CultureInfo.InvariantCulture),
                    last.TestAccuracy.ToString("F4", CultureInfo.InvariantCulture),
                    run.Epochs.Max(e => e.TestAccuracy).ToString("F4", CultureInfo.InvariantCulture),
                    run.Epochs.Average(e => e.ImagesPerSecond).ToString("F0", CultureInfo.InvariantCulture),
                    run.Epochs.Average(e => e.NormGenShare).ToString("P1", CultureInfo.InvariantCulture),
                    run.Epochs.Sum(e => e.Seconds).ToString("F0", CultureInfo.InvariantCulture));
            }

            return table;
        }
    }
}
