using System.Globalization;
using NormGen;
using NormGen.Serialization;

// A user's program: a BatchNorm2d declared with one attribute, normalising a batch, saved to a safetensors file in
// PyTorch's names and loaded into a second layer that gives the same eval output.
var norm = new StemNorm(2);
float[] input = { 0, 2, 4, 6, 1, 1, 1, 5 };   // (N=2, C=2, H=1, W=2): channel 0 holds 0 2 1 1, channel 1 holds 4 6 1 5
var output = new float[input.Length];
norm.Forward(input, output, batch: 2, height: 1, width: 2);
Console.WriteLine("train " + string.Join(" ", output.Select(v => v.ToString("F4", CultureInfo.InvariantCulture))));

string path = Path.Combine(Path.GetTempPath(), "normgen-consumer-" + Environment.ProcessId + ".safetensors");
var state = new StateDict();
norm.SaveStateDict(state, "stem");
SafeTensors.Save(state, path);
var loaded = new StemNorm(2);
using (SafeTensorsFile file = SafeTensors.Open(path)) loaded.LoadStateDict(file.Tensors, "stem");
File.Delete(path);

norm.Training = false;
loaded.Training = false;
var expected = new float[input.Length];
var actual = new float[input.Length];
norm.Forward(input, expected, 2, 1, 2);
loaded.Forward(input, actual, 2, 1, 2);
Console.WriteLine("running_mean " + string.Join(" ", loaded.RunningMean!.Select(v => v.ToString("F4", CultureInfo.InvariantCulture))));
Console.WriteLine("eval equal " + expected.SequenceEqual(actual));

[Normalize(Axes = "N,H,W")]
public partial class StemNorm { }
