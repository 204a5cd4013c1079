using System;
using System.Linq;
using System.Numerics;
using NormGen.Runtime;
using NormGen.Tests.Harness;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// Layers with a residual against the double reference composed step by step (the normalisation, the add, the
    /// activation): y = act(norm(x) + r) with dr = dy * act'(z), and s = x + r, y = act(norm(s)) with ds = norm'(s) dy + sumGrad,
    /// in training and eval mode, forward and backward, parameter gradients and running statistics included. (Their plain
    /// calls, which take r = 0, are every scenario test's like any other layer's.)
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class ResidualTests
    {
        public static TheoryData<string> BeforeActivation => Layers(typeof(IResidualNormalizationLayer<>));

        public static TheoryData<string> BeforeNorm => Layers(typeof(ISkipNormalizationLayer<>));

        [Theory]
        [MemberData(nameof(BeforeActivation))]
        public void Residual_before_the_activation_matches_the_reference(string layer) =>
            LayerScenario.Run(layer, new BeforeActivationScenario());

        [Theory]
        [MemberData(nameof(BeforeNorm))]
        public void Residual_before_the_norm_matches_the_reference(string layer) =>
            LayerScenario.Run(layer, new BeforeNormScenario());

        [Fact]
        public void Every_form_and_kind_is_declared_in_both_element_types_and_layouts()
        {
            var declared = DeclaredLayer.All.Values.Where(l => l.Spec.Residual != NormResidual.None).ToArray();
            foreach (var residual in new[] { NormResidual.BeforeActivation, NormResidual.BeforeNorm })
            {
                var form = declared.Where(l => l.Spec.Residual == residual).ToArray();
                Assert.Contains(form, l => l.ElementType == typeof(float));
                Assert.Contains(form, l => l.ElementType == typeof(double));
                Assert.Contains(form, l => l.Spec.Layout.EndsWith('C'));
                Assert.Contains(form, l => !l.Spec.Layout.EndsWith('C'));
                Assert.Contains(form, l => !l.Spec.Center);
                Assert.Contains(form, l => l.Spec.TrackRunningStats);
                Assert.Contains(form, l => l.Spec.Groups > 0);
                Assert.Contains(form, l => l.Spec.Axes == "C");
            }
        }

        private static TheoryData<string> Layers(Type form)
        {
            var data = new TheoryData<string>();
            foreach (var layer in DeclaredLayer.All.Values.Where(l => l.Type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == form)).OrderBy(l => l.Name, StringComparer.Ordinal))
            {
                data.Add(layer.Name);
            }

            return data;
        }

        /// <summary>Two training steps, then two eval steps: y = act(norm(x) + r) against the reference normalisation without
        /// the activation, plus r, through the reference activation; dr = dz = dy * act'(z) and dx = norm'(x) dz.</summary>
        private sealed class BeforeActivationScenario : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> h)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var layer = Assert.IsAssignableFrom<IResidualNormalizationLayer<T>>(h.Layer);
                var activation = h.Declared.Spec.Activation;
                var norm = new ReferenceLayer(h.Declared.Spec with { Activation = NormActivation.None, Residual = NormResidual.None }, h.Map.ParameterCount, h.Map.RunningCount);
                h.RandomizeParameters();
                h.Reference.Weight?.CopyTo(norm.Weight!, 0);
                h.Reference.Bias?.CopyTo(norm.Bias!, 0);
                int[] shape = h.Shape.Extents;
                for (int step = 0; step < 4; step++)
                {
                    bool training = step < 2;
                    layer.Training = training;
                    norm.Training = training;
                    string when = (training ? "training" : "eval") + " step " + step;
                    double[] x = h.RandomInput();
                    double[] r = h.RandomValues(x.Length, 0, 1.5);
                    double[] dy = h.RandomOutputGrad();

                    var y = new T[x.Length];
                    layer.Forward(LayerHarness<T>.ToElements(x), LayerHarness<T>.ToElements(r), y, shape);
                    double[] z = norm.Forward(h.Shape, x).Zip(r, (n, residual) => n + residual).ToArray();
                    NumericAssert.Close($"{h.Name} {when} y", ReferenceActivation.Forward(activation, z), LayerHarness<T>.ToDoubles(y), h.Relative);

                    var dx = new T[x.Length];
                    var dr = new T[x.Length];
                    layer.Backward(LayerHarness<T>.ToElements(x), LayerHarness<T>.ToElements(r), LayerHarness<T>.ToElements(dy), dx, dr, shape);
                    double[] dz = ReferenceActivation.Backward(activation, z, dy);
                    NumericAssert.Close($"{h.Name} {when} dr", dz, LayerHarness<T>.ToDoubles(dr), h.Relative);
                    double[] expectedDx = norm.Backward(dz);
                    NumericAssert.Close($"{h.Name} {when} dx", expectedDx, LayerHarness<T>.ToDoubles(dx), h.Relative, norm.LastInputTermScale);
                    h.AssertStateMatches(when, norm);
                }
            }
        }

        /// <summary>Two training steps, then two eval steps: s = x + r and y = act(norm(s)) against the reference layer on the
        /// exact sum; ds = norm'(s) dy + sumGrad, and the plain Backward (no skip gradient) gives norm'(s) dy.</summary>
        private sealed class BeforeNormScenario : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> h)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var layer = Assert.IsAssignableFrom<ISkipNormalizationLayer<T>>(h.Layer);
                h.RandomizeParameters();
                int[] shape = h.Shape.Extents;
                for (int step = 0; step < 4; step++)
                {
                    bool training = step < 2;
                    layer.Training = training;
                    h.Reference.Training = training;
                    string when = (training ? "training" : "eval") + " step " + step;
                    double[] x = h.RandomInput();
                    double[] r = h.RandomValues(x.Length, 0, 1.5);
                    double[] dy = h.RandomOutputGrad();
                    double[] skipGrad = h.RandomOutputGrad();

                    var s = new T[x.Length];
                    var y = new T[x.Length];
                    layer.Forward(LayerHarness<T>.ToElements(x), LayerHarness<T>.ToElements(r), s, y, shape);
                    double[] sum = x.Zip(r, (a, b) => a + b).ToArray();
                    NumericAssert.Close($"{h.Name} {when} s", sum, LayerHarness<T>.ToDoubles(s), h.Relative);
                    NumericAssert.Close($"{h.Name} {when} y", h.Reference.Forward(h.Shape, sum), LayerHarness<T>.ToDoubles(y), h.Relative);

                    var ds = new T[x.Length];
                    if (step % 2 == 0)
                    {
                        layer.Backward(s, LayerHarness<T>.ToElements(dy), LayerHarness<T>.ToElements(skipGrad), ds, shape);
                        double[] expected = h.Reference.Backward(dy).Zip(skipGrad, (a, b) => a + b).ToArray();
                        NumericAssert.Close($"{h.Name} {when} ds with the skip gradient", expected, LayerHarness<T>.ToDoubles(ds), h.Relative, h.Reference.LastInputTermScale + skipGrad.Max(Math.Abs));
                    }
                    else
                    {
                        layer.Backward(s, LayerHarness<T>.ToElements(dy), ds, shape);
                        NumericAssert.Close($"{h.Name} {when} ds", h.Reference.Backward(dy), LayerHarness<T>.ToDoubles(ds), h.Relative, h.Reference.LastInputTermScale);
                    }

                    h.AssertStateMatches(when);
                }
            }
        }
    }
}
