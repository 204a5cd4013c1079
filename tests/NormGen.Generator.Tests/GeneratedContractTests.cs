using System.Linq;
using System.Text;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>User code written against the documented members of a generated layer compiles cleanly: the fast
    /// overloads take exactly the per-call extents by their documented names, the interface is implemented, and the
    /// present parameter and statistics arrays are non-null on the class.</summary>
    public sealed class GeneratedContractTests
    {
        [Theory]
        [MemberData(nameof(ValidConfigurations.Data), MemberType = typeof(ValidConfigurations))]
        public void DocumentedMembersCompileWithoutDiagnostics(ValidConfiguration configuration)
        {
            string user = UserCode(configuration);

            var run = GeneratorHarness.Run(LayerSource.Class(configuration.Name, configuration.Attribute), user);

            Assert.Null(run.Exception);
            Assert.True(
                run.OutputDiagnostics.IsEmpty,
                "User code:\n" + user + "\nDiagnostics:\n" + GeneratorHarness.Describe(run.OutputDiagnostics));
        }

        private static string UserCode(ValidConfiguration c)
        {
            string t = c.ElementType;
            string parameter = c.ParameterType;
            string dims = string.Concat(c.PerCallParameters.Select(p => ", " + p + ": 2"));
            string shape = string.Join(", ", c.Layout.Select(l => c.FixedExtent(l) == 0 ? "2" : c.FixedExtent(l).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var code = new StringBuilder();
            code.Append($$"""
                namespace Sample
                {
                    internal static class Use{{c.Name}}
                    {
                        public static void Run({{t}}[] input, {{t}}[] output, {{t}}[] outputGrad, {{t}}[] inputGrad)
                        {
                            var layer = new {{c.Name}}();
                            layer.Training = !layer.Training;
                            layer.Forward(input, output{{dims}});
                            layer.Backward(input, outputGrad, inputGrad{{dims}});
                            layer.ZeroGrad();
                            layer.ResetParameters();
                            layer.ResetRunningStats();

                            {{c.Interface}} api = layer;
                            api.Forward(input, output, new int[] { {{shape}} });
                            api.Backward(input, outputGrad, inputGrad, new int[] { {{shape}} });
                            string description = api.Layout + api.Axes;
                            long batches = api.NumBatchesTracked;
                            {{parameter}}[]?[] arrays = { api.Weight, api.Bias, api.WeightGrad, api.BiasGrad, api.RunningMean, api.RunningVar };
                            _ = description.Length + batches + arrays.Length;

                """);
            if (c.HasBias)
            {
                code.Append($$"""
                            layer.Weight[0] = layer.Weight[layer.Weight.Length - 1];
                            layer.Bias[0] = layer.Bias[layer.Bias.Length - 1];
                            {{parameter}} gradients = layer.WeightGrad[0] + layer.BiasGrad[0];
                            _ = gradients;

                """);
            }
            else if (c.Affine)
            {
                code.Append($$"""
                            layer.Weight[0] = layer.Weight[layer.Weight.Length - 1];
                            {{parameter}} gradient = layer.WeightGrad[0];
                            _ = gradient;

                """);
            }

            if (c.RunningStats)
            {
                code.Append($$"""
                            layer.RunningMean[0] = layer.RunningVar[layer.RunningVar.Length - 1];
                            layer.NumBatchesTracked = layer.NumBatchesTracked + 1;

                """);
            }

            code.Append("""
                        }
                    }
                }
                """);
            return code.ToString();
        }
    }
}
