using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    /// <summary>
    /// PyTorch/reference.safetensors was written by PyTorch's own modules (nn.BatchNorm2d(4), nn.LayerNorm(6), a
    /// weight-normalised nn.Linear(5, 3) with the parametrization's names and one with the older names) after five
    /// training steps, by PyTorch/make_reference.py; PyTorch/reference.txt is what that script printed: every tensor
    /// of the state dict, and eval-mode inputs and outputs.
    /// </summary>
    public class PyTorchFileTests
    {
        private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "PyTorch");

        private static readonly Dictionary<string, (int[] Shape, double[] Values)> Printed = ReadPrinted();

        private static Dictionary<string, (int[] Shape, double[] Values)> ReadPrinted()
        {
            var printed = new Dictionary<string, (int[], double[])>();
            var line = new Regex(@"^(\S+) \[([^\]]*)\] ?(.*)$");
            foreach (string text in File.ReadLines(Path.Combine(Folder, "reference.txt")).Where(l => !l.StartsWith('#')))
            {
                Match m = line.Match(text);
                Assert.True(m.Success, text);
                int[] shape = m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
                double[] values = m.Groups[3].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                printed.Add(m.Groups[1].Value, (shape, values));
            }

            return printed;
        }

        private static float[] Floats(string name) => Printed[name].Values.Select(v => (float)v).ToArray();

        [Fact]
        public void Every_tensor_PyTorch_wrote_reads_back_as_it_printed()
        {
            using SafeTensorsFile file = SafeTensors.Open(Path.Combine(Folder, "reference.safetensors"));
            Assert.Equal("pt", file.Tensors.Metadata["format"]);
            string[] stateNames = Printed.Keys.Where(k => !k.StartsWith("input.") && !k.StartsWith("output.") && !k.StartsWith("weight.")).ToArray();
            Assert.Equal(stateNames, file.Tensors.Keys);
            foreach (string name in stateNames)
            {
                StateTensor tensor = file.Tensors[name];
                Assert.Equal(Printed[name].Shape.Select(e => (long)e), tensor.Shape.ToArray());
                Assert.Equal(Printed[name].Values, tensor.ToDoubleArray());
            }

            Assert.Equal(TensorDType.I64, file.Tensors["bn.num_batches_tracked"].DType);
        }

        [Fact]
        public void BatchNorm2d_loads_and_its_eval_forward_matches_PyTorch()
        {
            var bn = new BatchNorm2d(4);
            using (SafeTensorsFile file = SafeTensors.Open(Path.Combine(Folder, "reference.safetensors"))) bn.LoadStateDict(file.Tensors, "bn");
            Assert.Equal(Floats("bn.running_var"), bn.RunningVar);
            Assert.Equal(Floats("bn.weight"), bn.Weight);
            Assert.Equal(5, bn.NumBatchesTracked);

            bn.Training = false;
            float[] input = Floats("input.bn");
            var output = new float[input.Length];
            bn.Forward(input, output, Printed["input.bn"].Shape);
            AssertClose(Floats("output.bn"), output);
        }

        [Fact]
        public void LayerNorm_loads_and_its_forward_matches_PyTorch()
        {
            var ln = new SequenceLayerNorm(6);
            ln.LoadStateDict(SafeTensors.Load(File.ReadAllBytes(Path.Combine(Folder, "reference.safetensors"))), "ln");
            Assert.Equal(Floats("ln.bias"), ln.Bias);

            ln.Training = false;
            float[] input = Floats("input.ln");
            var output = new float[input.Length];
            ln.Forward(input, output, Printed["input.ln"].Shape);
            AssertClose(Floats("output.ln"), output);
        }

        [Theory]
        [InlineData("fc")]
        [InlineData("legacy")]
        public void Weight_normalisation_loads_and_computes_PyTorchs_weight(string module)
        {
            var weight = new LinearWeight();
            using (SafeTensorsFile file = SafeTensors.Open(Path.Combine(Folder, "reference.safetensors")))
            {
                var e = Assert.Throws<StateDictException>(() => weight.LoadStateDict(file.Tensors, module));
                Assert.Equal(module + ".bias", e.TensorName);
                weight.LoadStateDict(file.Tensors, module, strict: false);
            }

            var computed = new float[15];
            weight.ComputeWeight(computed);
            AssertClose(Floats("weight." + module), computed);
        }

        /// <summary>Float results of the same formula in another order of operations: a few units in the last place.</summary>
        private static void AssertClose(float[] expected, float[] actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double tolerance = 4 * MathF.BitIncrement(Math.Abs(expected[i])) - 4 * Math.Abs(expected[i]) + 1e-7;
                Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: PyTorch {expected[i]:R}, NormGen {actual[i]:R}");
            }
        }
    }
}
