using System.Numerics;
using System.Runtime.Intrinsics;
using NormGen.Tests.Harness;
using NormGen.Tests.Layers;
using Xunit;
using Xunit.Abstractions;

namespace NormGen.Tests.Numerics
{
    /// <summary>Records which vector width this run uses (CI repeats the suite with AVX-512 and with all hardware
    /// intrinsics disabled) and checks one layer on that path.</summary>
    [Trait("Category", "Numerics")]
    public sealed class SimdReportTests(ITestOutputHelper output)
    {
        [Fact]
        public void Reports_the_vector_path_and_checks_a_layer_on_it()
        {
            output.WriteLine($"Vector<float>.Count = {Vector<float>.Count}, Vector<double>.Count = {Vector<double>.Count}, Vector.IsHardwareAccelerated = {Vector.IsHardwareAccelerated}");
            output.WriteLine($"Vector128 = {Vector128.IsHardwareAccelerated}, Vector256 = {Vector256.IsHardwareAccelerated}, Vector512 = {Vector512.IsHardwareAccelerated}");

            var harness = new LayerHarness<float>(DeclaredLayer.Named(typeof(BatchNorm2dNhwcFloat).FullName!));
            harness.RandomizeParameters();
            double[] x = harness.RandomInput();
            harness.AssertClose($"output with Vector<float>.Count = {Vector<float>.Count}", harness.Forward(x));
            harness.AssertInputGradClose("input grad", harness.Backward(x, harness.RandomOutputGrad()));
        }
    }
}
