using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGen.Distributed;
using NormGen.Mpi;
using NormGen.Samples.FashionMnist.Data;
using NormGen.Samples.FashionMnist.Normalization;
using NormGen.Samples.Mpi;

// Data-parallel training of a small Fashion-MNIST CNN with BatchNorm, one process per rank:
//   mpirun -np 4 dotnet NormGen.Samples.Mpi.dll     each rank trains on 2 images of every global batch of 8, first with
//                                                   synchronised BatchNorm, then with each rank's BatchNorm on its own 2
//   dotnet NormGen.Samples.Mpi.dll                   one process, batch 8, the same batches in the same order
// Options: --mode sync|local (under mpirun; default both), --epochs N (3), --batch B (per rank; 2 under mpirun, 8 alone),
// --lr X (0.01), --seed N (1), --data DIR (the four Fashion-MNIST files; default the shipped subset).
var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

bool underMpi = Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null;
using var mpi = underMpi ? MpiCollective.Initialize() : null;
ICollective world = mpi is null ? InProcessCollective.Create(1)[0] : mpi;
bool report = world.Rank == 0;

string folder = options.Data ?? Path.Combine(AppContext.BaseDirectory, "Data", "Subset");
var (train, test) = FashionMnistFiles.Load(folder);
var scaler = new PixelScaler();
scaler.Fit(train.Images, train.Count, 28, 28);
var scaled = new float[train.Images.Length];
scaler.Transform(train.Images, scaled, train.Count, 28, 28);
train = train.WithImages(scaled);
scaled = new float[test.Images.Length];
scaler.Transform(test.Images, scaled, test.Count, 28, 28);
test = test.WithImages(scaled);

int batch = options.Batch ?? (underMpi ? 2 : 8);
string[] modes = underMpi ? (options.Mode is null ? new[] { "sync", "local" } : new[] { options.Mode }) : new[] { "single" };
if (report)
{
    Console.WriteLine($"{train.Count} training and {test.Count} test images; {world.Size} process(es), batch {batch} per process, global batch {batch * world.Size}; {options.Epochs} epochs, lr {options.LearningRate}, seed {options.Seed}");
}

foreach (var mode in modes)
{
    string label = mode switch
    {
        "sync" => $"synchronised BatchNorm, {world.Size} ranks x batch {batch}",
        "local" => $"BatchNorm per rank, {world.Size} ranks x batch {batch}",
        _ => $"one process, batch {batch}",
    };
    var model = new Model(batch, options.Seed, mode == "sync" ? world : null);
    var trainer = new DataParallel(world, model, options.LearningRate);
    var order = Enumerable.Range(0, train.Count).ToArray();
    var shuffle = new Random(options.Seed);
    double accuracy = 0;
    var clock = Stopwatch.StartNew();
    for (int epoch = 1; epoch <= options.Epochs; epoch++)
    {
        shuffle.Shuffle(order);
        double loss = trainer.TrainEpoch(train, order);
        if (mode == "local")
        {
            trainer.TakeRunningStatisticsOfRankZero();
        }

        accuracy = trainer.Accuracy(test);
        if (report)
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: epoch {1}, train loss {2:F4}, test accuracy {3:F4} ({4:F0} s)", label, epoch, loss, accuracy, clock.Elapsed.TotalSeconds));
        }
    }

    // With more than one rank: every rank must hold bitwise the same parameters after the same averaged steps.
    var checksums = trainer.Gather(trainer.ParameterChecksum());
    bool same = checksums.All(c => BitConverter.DoubleToInt64Bits(c) == BitConverter.DoubleToInt64Bits(checksums[0]));
    if (report)
    {
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: final test accuracy {1:F4}{2}", label, accuracy, world.Size == 1 ? "" : same ? "; parameters bitwise the same on every rank" : "; parameters DIFFER between ranks"));
    }
}

return 0;

namespace NormGen.Samples.Mpi
{
    internal sealed record Options(string? Mode, int Epochs, int? Batch, float LearningRate, int Seed, string? Data)
    {
        public static Options? Parse(string[] args)
        {
            var options = new Options(null, 3, null, 0.01f, 1, null);
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (i + 1 >= args.Length)
                {
                    return Usage($"{name} needs a value.");
                }

                string value = args[++i];
                switch (name)
                {
                    case "--mode" when value is "sync" or "local":
                        options = options with { Mode = value };
                        break;
                    case "--epochs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int epochs) && epochs > 0:
                        options = options with { Epochs = epochs };
                        break;
                    case "--batch" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int batch) && batch > 0:
                        options = options with { Batch = batch };
                        break;
                    case "--lr" when float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float lr) && lr > 0 && float.IsFinite(lr):
                        options = options with { LearningRate = lr };
                        break;
                    case "--seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seed):
                        options = options with { Seed = seed };
                        break;
                    case "--data":
                        options = options with { Data = value };
                        break;
                    default:
                        return Usage($"{name} {value}: unknown option or invalid value.");
                }
            }

            return options;
        }

        private static Options? Usage(string problem)
        {
            Console.Error.WriteLine(problem);
            Console.Error.WriteLine("usage: [mpirun -np P] NormGen.Samples.Mpi [--mode sync|local] [--epochs N] [--batch B] [--lr X] [--seed N] [--data DIR]");
            return null;
        }
    }
}
