using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGen.Samples.FashionMnist.Cli;
using NormGen.Samples.FashionMnist.Data;
using NormGen.Samples.FashionMnist.Experiments;
using NormGen.Samples.FashionMnist.Normalization;
using NormGen.Samples.FashionMnist.Output;
using Spectre.Console;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Options options;
try
{
    options = Options.Parse(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

if (options.Help)
{
    Console.WriteLine(Options.HelpText());
    return 0;
}

var clock = Stopwatch.StartNew();
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160;
}

string dataFolder = options.DataFolder ?? Path.Combine(AppContext.BaseDirectory, "Data", "Subset");
DataSet train, test;
try
{
    (train, test) = FashionMnistFiles.Load(dataFolder);
    OutputFolder.EnsureWritable(options.OutFolder);
}
catch (Exception e) when (e is IdxFormatException or IOException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

train = train.Take(options.TrainImages);
test = test.Take(options.TestImages);
var settings = options.Settings;
var runs = Catalog.Runs(options.Experiment, settings)
    .Where(r => options.Only is null || r.Configuration.Contains(options.Only, StringComparison.OrdinalIgnoreCase))
    .ToArray();
if (runs.Length == 0)
{
    Console.Error.WriteLine($"No configuration of {options.Experiment} contains '{options.Only}'. Configurations: {string.Join(", ", Catalog.Runs(options.Experiment, settings).Select(r => r.Configuration))}.");
    return 2;
}

AnsiConsole.MarkupLine($"[bold]Fashion-MNIST[/] from {Markup.Escape(dataFolder)}: {train.Count} training, {test.Count} test images; experiment [bold]{options.Experiment}[/], {runs.Length} runs of {settings.Epochs} epochs; seed {settings.Seed}");

// Z-score the pixels with statistics fitted batch by batch on the training set, as partial_fit would.
var scaler = new PixelScaler();
const int fitBatch = 1000;
for (int start = 0; start < train.Count; start += fitBatch)
{
    int batch = Math.Min(fitBatch, train.Count - start);
    scaler.Fit(train.Images.AsSpan(start * train.ImageSize, batch * train.ImageSize), batch, 28, 28);
}

train = Scale(train);
test = Scale(test);
AnsiConsole.MarkupLine($"StandardScaler: pixel mean {scaler.Mean[0]:F2}, std {MathF.Sqrt(scaler.Variance[0]):F2}, fitted on {train.Count} training images ({scaler.Count} pixels)");

var results = new List<RunResult>();
AnsiConsole.Progress()
    .AutoClear(false)
    .HideCompleted(false)
    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ImagesPerSecondColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
    .Start(context =>
    {
        double total = runs.Sum(r => (double)r.Epochs * (train.Count / r.Batch * r.Batch));
        var overall = context.AddTask("[bold]all runs[/]", maxValue: total);
        foreach (var spec in runs)
        {
            var task = context.AddTask(Markup.Escape(spec.Configuration), maxValue: spec.Epochs * (train.Count / spec.Batch * spec.Batch));
            var result = Runner.Run(spec, settings, train, test,
                imagesDone: images =>
                {
                    task.Increment(images);
                    overall.Increment(images);
                },
                epochDone: e => AnsiConsole.MarkupLine(
                    $"  {Markup.Escape(spec.Configuration)}, epoch {e.Epoch}: train loss {e.TrainLoss:F4}, test accuracy {e.TestAccuracy:F4}, {e.ImagesPerSecond:F0} images/s, NormGen {e.NormGenShare:P1} of a step"));
            task.StopTask();
            results.Add(result);
        }

        overall.StopTask();
    });

foreach (var table in Report.Tables(results))
{
    AnsiConsole.Write(table);
}

AnsiConsole.Write(Report.StepTimes(results));
string csv;
try
{
    csv = ResultsCsv.Write(options.OutFolder, results);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Could not write the results to {options.OutFolder}: {e.Message}");
    return 1;
}

try
{
    var charts = Charts.Write(options.OutFolder, results);
    AnsiConsole.MarkupLine($"Results: {Markup.Escape(csv)} and {charts.Count} charts in {Markup.Escape(options.OutFolder)}");
}
catch (Exception e)
{
    // ScottPlot draws with SkiaSharp's native library; a machine without it still gets its results.csv.
    Console.Error.WriteLine($"Results: {csv}. The charts could not be drawn: {e.Message}");
    return 1;
}

AnsiConsole.MarkupLine($"Finished in {clock.Elapsed.TotalSeconds:F0} s.");
return 0;

DataSet Scale(DataSet data)
{
    var scaled = new float[data.Images.Length];
    scaler.Transform(data.Images, scaled, data.Count, 28, 28);
    return data.WithImages(scaled);
}
