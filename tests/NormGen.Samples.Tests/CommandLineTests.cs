using System.IO;
using NormGen.Samples.FashionMnist.Cli;
using NormGen.Samples.FashionMnist.Experiments;
using NormGen.Samples.FashionMnist.Output;
using Xunit;

namespace NormGen.Samples.Tests
{
    public sealed class CommandLineTests
    {
        private static readonly FashionMnist.Training.StepShares Shares = new(0.6, 0.05, 0.02, 0.08, 0.1, 0.15);

        [Fact]
        public void No_arguments_run_convergence_on_the_shipped_subset()
        {
            var options = Options.Parse(new string[0]);

            Assert.Equal(Catalog.Convergence, options.Experiment);
            Assert.Null(options.DataFolder);
            Assert.False(options.Help);
        }

        [Fact]
        public void Options_set_the_experiment_and_the_settings()
        {
            var options = Options.Parse(new[] { "--experiment", "small-batch", "--seed", "5", "--epochs", "7", "--lr", "0.1", "--data", "/d" });

            Assert.Equal((Catalog.SmallBatch, 5, 7, 0.1f, "/d"), (options.Experiment, options.Settings.Seed, options.Settings.Epochs, options.Settings.LearningRate, options.DataFolder));
        }

        [Fact]
        public void An_unknown_option_is_refused_with_the_valid_ones()
        {
            var error = Assert.Throws<UsageException>(() => Options.Parse(new[] { "--epoch", "3" }));

            Assert.Contains("Unknown option '--epoch'", error.Message);
            Assert.Contains("--epochs", error.Message);
            Assert.Contains("--experiment", error.Message);
        }

        [Fact]
        public void An_unknown_experiment_is_refused_with_the_valid_ones()
        {
            var error = Assert.Throws<UsageException>(() => Options.Parse(new[] { "--experiment", "dropout" }));

            Assert.Contains("Unknown experiment 'dropout'", error.Message);
            Assert.Contains("convergence, learning-rate, small-batch, saturating, all", error.Message);
        }

        [Theory]
        [InlineData("--epochs", "0")]
        [InlineData("--lr", "-1")]
        [InlineData("--width", "12")]
        [InlineData("--momentum", "1.5")]
        public void A_value_out_of_range_is_refused(string name, string value)
        {
            var error = Assert.Throws<UsageException>(() => Options.Parse(new[] { name, value }));
            Assert.Contains(name, error.Message);
        }

        [Fact]
        public void The_help_lists_every_option_and_experiment()
        {
            string help = Options.HelpText();

            Assert.All(Options.All, o => Assert.Contains(o.Name, help));
            Assert.All(Catalog.Names, n => Assert.Contains(n, help));
        }

        [Fact]
        public void An_output_folder_that_cannot_be_created_is_a_clear_error()
        {
            using var folder = new TempFolder();
            File.WriteAllText(folder.File("a-file"), "");
            string under = Path.Combine(folder.File("a-file"), "results");

            var error = Assert.Throws<IOException>(() => OutputFolder.EnsureWritable(under));

            Assert.Contains($"Cannot write to the output folder {under}", error.Message);
        }

        [Fact]
        public void Every_experiment_has_its_runs()
        {
            var s = Options.Parse(new string[0]).Settings;

            Assert.Equal(6, Catalog.Runs(Catalog.Convergence, s).Count);
            Assert.Equal(4, Catalog.Runs(Catalog.LearningRate, s).Count);
            Assert.Equal(8, Catalog.Runs(Catalog.SmallBatch, s).Count);
            Assert.Equal(4, Catalog.Runs(Catalog.Saturating, s).Count);
            Assert.Equal(22, Catalog.Runs(Catalog.All, s).Count);
        }

        [Fact]
        public void Results_csv_has_one_row_per_epoch()
        {
            var spec = new RunSpec("convergence", "BatchNorm", FashionMnist.Training.Architecture.Small, 8, FashionMnist.Normalization.NormKind.BatchNorm, FashionMnist.Nn.ActivationFunction.ReLU, 32, 0.02f, 2);
            var run = new RunResult(spec, new[] { new EpochResult(1, 0.5, 0.8, 1.5, 1000, Shares), new EpochResult(2, 0.4, 0.85, 1.5, 1000, Shares) });

            string[] lines = ResultsCsv.Format(new[] { run }).TrimEnd('\n').Split('\n');

            Assert.Equal(ResultsCsv.Header, lines[0]);
            Assert.Equal("convergence,\"BatchNorm\",32,0.02,2,0.40000,0.8500,1.50,1000,0.1000,0.6000,0.0500,0.0200,0.0800,0.1500", lines[2]);
        }
    }
}
