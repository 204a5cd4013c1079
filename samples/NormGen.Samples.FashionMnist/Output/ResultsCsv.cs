using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using NormGen.Samples.FashionMnist.Experiments;

namespace NormGen.Samples.FashionMnist.Output
{
    /// <summary>results.csv: one row per (experiment, configuration, batch, learning rate, epoch).</summary>
    public static class ResultsCsv
    {
        public const string Header = "experiment,configuration,batch,learning_rate,epoch,train_loss,test_accuracy,seconds,images_per_second,normgen_share,conv_share,pool_share,linear_share,activation_share,rest_share";

        public static string Format(IEnumerable<RunResult> runs)
        {
            var text = new StringBuilder(Header).Append('\n');
            foreach (var run in runs)
            {
                var s = run.Spec;
                foreach (var e in run.Epochs)
                {
                    text.Append(string.Create(CultureInfo.InvariantCulture,
                        $"{s.Experiment},\"{s.Configuration}\",{s.Batch},{s.LearningRate:R},{e.Epoch},{e.TrainLoss:F5},{e.TestAccuracy:F4},{e.Seconds:F2},{e.ImagesPerSecond:F0},{e.NormGenShare:F4},{e.Shares.Convolution:F4},{e.Shares.Pooling:F4},{e.Shares.Linear:F4},{e.Shares.Activation:F4},{e.Shares.Rest:F4}\n"));
                }
            }

            return text.ToString();
        }

        /// <summary>Writes to a temporary file first, so a failed write leaves no half-written results.csv.</summary>
        public static string Write(string folder, IEnumerable<RunResult> runs)
        {
            string path = Path.Combine(folder, "results.csv");
            string temporary = path + ".partial";
            File.WriteAllText(temporary, Format(runs));
            File.Move(temporary, path, overwrite: true);
            return path;
        }
    }
}
