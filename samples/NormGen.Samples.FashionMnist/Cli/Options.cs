using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGen.Samples.FashionMnist.Experiments;

namespace NormGen.Samples.FashionMnist.Cli
{
    /// <summary>The command line: <c>--name value</c> pairs and <c>--help</c>.</summary>
    public sealed record Options
    {
        public static readonly (string Name, string Value, string Description)[] All =
        {
            ("--experiment", "NAME", "convergence (default), learning-rate, small-batch, saturating or all"),
            ("--data", "DIR", "folder with the four Fashion-MNIST files (train-images-idx3-ubyte.gz, ...); default: the shipped subset of 10,000 + 2,000 images"),
            ("--out", "DIR", "folder for results.csv and the PNG charts; default: fashion-mnist-results under the working directory"),
            ("--seed", "N", "seed of the initial weights and the batch order; the same seed gives the same numbers (default 1)"),
            ("--epochs", "N", "epochs per run (default 4)"),
            ("--batch", "N", "mini-batch size (default 32; small-batch sets its own)"),
            ("--lr", "X", "learning rate (default 0.02; small-batch scales it by batch/32)"),
            ("--lr-factor", "X", "learning-rate: how many times larger the high learning rate is (default 8)"),
            ("--momentum", "X", "SGD momentum (default 0.9)"),
            ("--weight-decay", "X", "weight decay of conv and linear weights (default 0.0005)"),
            ("--width", "N", "channels of the first conv, 8 or 16; the second has twice as many (default 8)"),
            ("--train-images", "N", "use only the first N training images (default all)"),
            ("--test-images", "N", "use only the first N test images (default all)"),
            ("--only", "TEXT", "run only the configurations whose name contains TEXT, e.g. BatchNorm (default all)"),
            ("--help", "", "show this help"),
        };

        public string Experiment { get; init; } = Catalog.Convergence;

        public string? DataFolder { get; init; }

        public string OutFolder { get; init; } = Path.Combine(Environment.CurrentDirectory, "fashion-mnist-results");

        public bool Help { get; init; }

        public int TrainImages { get; init; } = int.MaxValue;

        public int TestImages { get; init; } = int.MaxValue;

        public string? Only { get; init; }

        public Settings Settings { get; init; } = new(Epochs: 4, Batch: 32, LearningRate: 0.02f, Momentum: 0.9f, WeightDecay: 5e-4f, Width: 8, Seed: 1, LearningRateFactor: 8f);

        public static Options Parse(IReadOnlyList<string> args)
        {
            var options = new Options();
            for (int i = 0; i < args.Count; i++)
            {
                string name = args[i];
                if (name is "--help" or "-h" or "-?")
                {
                    options = options with { Help = true };
                    continue;
                }

                if (!All.Any(o => o.Name == name))
                {
                    throw new UsageException($"Unknown option '{name}'. Valid options: {string.Join(", ", All.Select(o => o.Name))}.");
                }

                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"Option {name} needs a value.");
                }

                string value = args[++i];
                var s = options.Settings;
                options = name switch
                {
                    "--experiment" => options with { Experiment = Catalog.Names.Contains(value) ? value : throw new UsageException($"Unknown experiment '{value}'. Valid experiments: {string.Join(", ", Catalog.Names)}.") },
                    "--data" => options with { DataFolder = value },
                    "--out" => options with { OutFolder = Path.GetFullPath(value) },
                    "--seed" => options with { Settings = s with { Seed = Integer(name, value, 0) } },
                    "--epochs" => options with { Settings = s with { Epochs = Integer(name, value, 1) } },
                    "--batch" => options with { Settings = s with { Batch = Integer(name, value, 2) } },
                    "--lr" => options with { Settings = s with { LearningRate = Positive(name, value) } },
                    "--lr-factor" => options with { Settings = s with { LearningRateFactor = Positive(name, value) } },
                    "--momentum" => options with { Settings = s with { Momentum = Fraction(name, value) } },
                    "--weight-decay" => options with { Settings = s with { WeightDecay = Fraction(name, value) } },
                    "--width" => options with { Settings = s with { Width = value is "8" or "16" ? int.Parse(value, CultureInfo.InvariantCulture) : throw new UsageException($"--width must be 8 or 16 (the widths whose weight normalisations are declared); got '{value}'.") } },
                    "--train-images" => options with { TrainImages = Integer(name, value, 2) },
                    "--test-images" => options with { TestImages = Integer(name, value, 1) },
                    _ => options with { Only = value },
                };
            }

            return options;
        }

        public static string HelpText()
        {
            var lines = new List<string>
            {
                "Trains small CNNs on Fashion-MNIST with NormGen's normalisation layers and compares them.",
                "",
                "Usage: dotnet run --project samples/NormGen.Samples.FashionMnist -- [options]",
                "",
                "Options:",
            };
            lines.AddRange(All.Select(o => $"  {(o.Name + " " + o.Value).PadRight(22)}{o.Description}"));
            lines.Add("");
            lines.Add("Experiments:");
            lines.AddRange(Catalog.Names.Select(n => $"  {n.PadRight(22)}{Catalog.Describe(n)}"));
            return string.Join(Environment.NewLine, lines);
        }

        private static int Integer(string name, string value, int minimum) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) && result >= minimum
                ? result
                : throw new UsageException($"{name} needs a whole number of at least {minimum}; got '{value}'.");

        private static float Positive(string name, string value) =>
            float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float result) && result > 0 && float.IsFinite(result)
                ? result
                : throw new UsageException($"{name} needs a positive number; got '{value}'.");

        private static float Fraction(string name, string value) =>
            float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float result) && result >= 0 && result < 1
                ? result
                : throw new UsageException($"{name} needs a number in [0, 1); got '{value}'.");
    }
}
