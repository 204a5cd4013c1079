using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGen.Samples.FashionMnist.Experiments;
using ScottPlot;

namespace NormGen.Samples.FashionMnist.Output
{
    /// <summary>PNG charts per experiment: training loss and test accuracy per epoch, one line per configuration;
    /// for small-batch also the final test accuracy against the batch size.</summary>
    public static class Charts
    {
        private const int Width = 800, Height = 480;

        public static IReadOnlyList<string> Write(string folder, IReadOnlyList<RunResult> runs)
        {
            var written = new List<string>();
            foreach (var experiment in runs.GroupBy(r => r.Spec.Experiment))
            {
                var group = experiment.ToArray();
                written.Add(PerEpoch(folder, experiment.Key, group, "loss", "training loss", e => e.TrainLoss, Alignment.UpperRight));
                written.Add(PerEpoch(folder, experiment.Key, group, "accuracy", "test accuracy (eval mode)", e => e.TestAccuracy, Alignment.LowerRight));
                if (experiment.Key == Catalog.SmallBatch)
                {
                    written.Add(AgainstBatch(folder, group));
                }
            }

            return written;
        }

        private static string PerEpoch(string folder, string experiment, RunResult[] runs, string name, string label, Func<EpochResult, double> value, Alignment legend)
        {
            var plot = new Plot();
            foreach (var run in runs)
            {
                var points = run.Epochs.Where(e => double.IsFinite(value(e))).ToArray();
                var line = plot.Add.Scatter(points.Select(e => (double)e.Epoch).ToArray(), points.Select(value).ToArray());
                line.LegendText = run.Spec.Configuration;
            }

            plot.Title($"Fashion-MNIST, {experiment}: {label}");
            plot.XLabel("epoch");
            plot.YLabel(label);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
            plot.ShowLegend(legend);
            return Save(plot, folder, $"{experiment}-{name}.png");
        }

        private static string AgainstBatch(string folder, RunResult[] runs)
        {
            var plot = new Plot();
            foreach (var norm in runs.GroupBy(r => r.Spec.Norm))
            {
                var points = norm.OrderBy(r => r.Spec.Batch).Where(r => r.Epochs.Count > 0).ToArray();
                var line = plot.Add.Scatter(
                    points.Select(r => Math.Log2(r.Spec.Batch)).ToArray(),
                    points.Select(r => r.Epochs[^1].TestAccuracy).ToArray());
                line.LegendText = Catalog.Label(norm.Key);
            }

            double[] positions = Catalog.SmallBatches.Select(b => Math.Log2(b)).ToArray();
            string[] labels = Catalog.SmallBatches.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
            plot.Title("Fashion-MNIST, small-batch: final test accuracy against batch size");
            plot.XLabel("batch size (per step; learning rate scaled with it)");
            plot.YLabel("test accuracy (eval mode)");
            plot.ShowLegend(Alignment.LowerRight);
            return Save(plot, folder, "small-batch-accuracy-vs-batch.png");
        }

        private static string Save(Plot plot, string folder, string file)
        {
            string path = Path.Combine(folder, file);
            plot.SavePng(path, Width, Height);
            return path;
        }
    }
}
