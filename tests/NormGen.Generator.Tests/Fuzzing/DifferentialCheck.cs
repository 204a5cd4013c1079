using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using NormGen.Tests.Harness;
using NormGen.Tests.Reference;
using Xunit.Sdk;

namespace NormGen.Generator.Tests.Fuzzing
{
    /// <summary>
    /// Drives one generated layer and the double reference (<see cref="ReferenceLayer"/>) side by side through a fixed
    /// script: state as constructed, Backward before any Forward, two training steps on shapes of their own (output,
    /// input gradient, parameter gradients accumulated over three Backward calls, running statistics and batch count),
    /// bad-length and mismatched-shape calls that must throw and change nothing, an eval-mode Forward and Backward, a
    /// training step after eval mode, ZeroGrad and ResetParameters. Values compared under the tolerances of the numerical suite (<see cref="Tolerances"/>).
    /// <para>
    /// A layer with a residual takes most of its calls through the residual overloads, with a residual drawn for the call
    /// (sometimes in place, as the layer allows): <c>BeforeActivation</c> against y = act(norm(x) + r), the reference's
    /// normalisation with the activation composed here, dr = dy · act'(z) and dx = norm'(x) dr; <c>BeforeNorm</c> against
    /// s = x + r and y = act(norm(s)), ds = norm'(s) dy (+ the skip gradient). A Half layer is driven through
    /// <see cref="HalfLayerView"/> on values rounded to Half; its tensors are held to <see cref="HalfAssert"/>'s rule.
    /// </para>
    /// </summary>
    internal sealed class DifferentialCheck<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly FuzzCase _case;
        private readonly Type _type;
        private INormalizationLayer<T> _layer = null!;
        private ReferenceLayer _reference = null!;
        private string _step = "construction";
        private int[] _shape = [];

        /// <summary>BeforeActivation: the activation, applied here to the reference's norm(x) + r.</summary>
        private NormActivation _composedActivation;

        /// <summary>BeforeActivation: z = norm(x) + r of the last Forward, and its r (null after a plain Forward).</summary>
        private double[]? _lastZ;
        private double[]? _lastResidual;

        /// <summary>BeforeNorm: the s the layer wrote in the last Forward (null after a plain Forward).</summary>
        private T[]? _lastSum;

        private DifferentialCheck(FuzzCase fuzzCase, Type type)
        {
            _case = fuzzCase;
            _type = type;
        }

        /// <summary>Quantities compared and calls checked.</summary>
        private int Checks { get; set; }

        /// <summary>A training step ran (false when every shape the declaration allows has one value per statistic).</summary>
        private bool Trained { get; set; }

        /// <summary>Forward and Backward calls through the residual overloads.</summary>
        private int ResidualCalls { get; set; }

        private static double Relative => Tolerances.RelativeFor<T>();

        /// <summary>Runs the script; a failure is a <see cref="XunitException"/> naming the step and the shape.</summary>
        public static (int Checks, bool Trained, int ResidualCalls) Run(FuzzCase fuzzCase, Type type)
        {
            var check = new DifferentialCheck<T>(fuzzCase, type);
            try
            {
                check.Script();
            }
            catch (Exception exception)
            {
                string kind = exception is XunitException ? "" : exception.GetType().FullName + ": ";
                throw new XunitException($"step '{check._step}', shape ({string.Join(", ", check._shape)}): {kind}{exception.Message}");
            }

            return (check.Checks, check.Trained, check.ResidualCalls);
        }

        private void Script()
        {
            var constructor = _type.GetConstructors().Single();
            object instance = constructor.Invoke(_case.ConstructorArguments(constructor.GetParameters()));
            _layer = _case.IsHalf
                ? (INormalizationLayer<T>)(object)HalfLayerView.Of(instance)
                : (INormalizationLayer<T>)instance;
            _shape = _case.DrawShape();
            var map = new StatisticMap(_case.Spec, new LayoutShape(_case.Layout, _shape));
            var spec = _case.Spec;
            if (spec.Residual == NormResidual.BeforeActivation)
            {
                _composedActivation = spec.Activation;
                spec = spec with { Activation = NormActivation.None };
            }

            _reference = new ReferenceLayer(spec, map.ParameterCount, map.RunningCount);

            Equal(_case.Layout, _layer.Layout, "Layout");
            Equal(
                _case.Spec.Residual,
                _layer switch { IResidualNormalizationLayer<T> => NormResidual.BeforeActivation, ISkipNormalizationLayer<T> => NormResidual.BeforeNorm, _ => NormResidual.None },
                "the residual form of the interface the layer implements");
            Equal(_shape[_case.Layout.IndexOf('C')], _layer.Channels, "Channels");
            int[] parameterShape = _layer.ParameterShape.ToArray();
            Equal(_case.Spec.Affine ? map.ParameterCount : 1, parameterShape.Aggregate(1, (p, e) => p * e), "product of ParameterShape");
            AssertState("as constructed");

            _step = "Backward before any Forward";
            int count = Count(_shape);
            var inputGrad = new T[count];
            Throws<InvalidOperationException>(() => _layer.Backward(new T[count], new T[count], inputGrad, _shape), ("inputGrad", inputGrad));
            if (_layer is IResidualNormalizationLayer<T> residualLayer)
            {
                var residualGrad = new T[count];
                Throws<InvalidOperationException>(() => residualLayer.Backward(new T[count], new T[count], new T[count], inputGrad, residualGrad, _shape), ("inputGrad", inputGrad), ("residualGrad", residualGrad));
            }
            else if (_layer is ISkipNormalizationLayer<T> skipLayer)
            {
                Throws<InvalidOperationException>(() => skipLayer.Backward(new T[count], new T[count], new T[count], inputGrad, _shape), ("inputGrad", inputGrad));
            }

            RandomizeParameters();

            // Training step 1. A shape with one value per statistic must be refused (PyTorch: "Expected more than 1
            // value per channel when training"); then other shapes are drawn.
            _step = "training Forward";
            for (int attempt = 0; attempt < 4 && OneValuePerStatistic(_shape); attempt++)
            {
                count = Count(_shape);
                var refused = new T[count];
                Throws<ArgumentException>(() => _layer.Forward(ToElements(Input(count)), refused, _shape), ("output", refused));
                _shape = _case.DrawShape();
            }

            if (OneValuePerStatistic(_shape))
            {
                // Every shape the declaration allows has one value per statistic in training: eval mode only.
                Eval();
                return;
            }

            var x = Input(Count(_shape));
            Trained = true;
            TrainingForward(x);
            _step = "Backward after training Forward";
            Backward(x, _case.Values(x.Length, 0, 1));
            AssertState("after training step 1");

            BadCalls(x);

            // Training step 2 on another shape; Backward twice, so the parameter gradients hold three contributions.
            _shape = _case.DrawShape();
            _step = "second training Forward";
            if (!OneValuePerStatistic(_shape))
            {
                x = Input(Count(_shape));
                TrainingForward(x);
                var dy = _case.Values(x.Length, 0, 1);
                _step = "first Backward of step 2";
                Backward(x, dy);
                _step = "second Backward of step 2 (gradients accumulate)";
                Backward(x, dy);
                AssertState("after training step 2");
            }

            Eval();
        }

        /// <summary>Eval mode: running statistics when kept, batch statistics otherwise; Backward takes them again.</summary>
        private void Eval()
        {
            _layer.Training = false;
            _reference.Training = false;
            _shape = _case.DrawShape();
            var x = Input(Count(_shape));
            _step = "eval Forward";
            Forward(x);
            AssertState("after eval Forward (nothing but the output is written)");
            _step = "Backward after eval Forward";
            Backward(x, _case.Values(x.Length, 0, 1));
            AssertState("after eval Backward");

            // Back to training: nothing an eval call did may linger in what the next training step computes.
            _layer.Training = true;
            _reference.Training = true;
            _shape = _case.DrawShape();
            if (!OneValuePerStatistic(_shape))
            {
                x = Input(Count(_shape));
                _step = "training Forward after eval mode";
                TrainingForward(x);
                _step = "Backward after returning to training";
                Backward(x, _case.Values(x.Length, 0, 1));
                AssertState("after returning to training");
            }

            _step = "ZeroGrad";
            _layer.ZeroGrad();
            foreach (var gradient in new[] { _layer.WeightGrad, _layer.BiasGrad })
            {
                if (gradient is not null)
                {
                    Checks++;
                    if (gradient.Any(g => g != T.Zero))
                    {
                        throw new XunitException("a parameter gradient is not zero after ZeroGrad.");
                    }
                }
            }

            _step = "ResetParameters";
            _layer.ResetParameters();
            Checks++;
            bool reset = (_layer.Weight?.All(w => w == T.One) ?? true)
                && (_layer.Bias?.All(b => b == T.Zero) ?? true)
                && (_layer.RunningMean?.All(m => m == T.Zero) ?? true)
                && (_layer.RunningVar?.All(v => v == T.One) ?? true)
                && _layer.NumBatchesTracked == 0;
            if (!reset)
            {
                throw new XunitException("ResetParameters left a weight other than 1, a bias other than 0, running statistics other than (0, 1) or a batch count.");
            }
        }

        /// <summary>Calls with a span of the wrong length, and Backward on a shape other than the last Forward's: each
        /// throws, and leaves the output, parameters, gradients and running statistics bit for bit as they were.</summary>
        private void BadCalls(double[] x)
        {
            int count = x.Length;
            var input = ToElements(x);
            var output = new T[count];
            var inputGrad = new T[count];
            _step = "Forward with an input one element too long";
            Throws<ArgumentException>(() => _layer.Forward(new T[count + 1], output, _shape), ("output", output));
            _step = "Forward with an output one element short";
            var shortOutput = new T[count - 1];
            Throws<ArgumentException>(() => _layer.Forward(input, shortOutput, _shape), ("output", shortOutput));
            _step = "Backward with an output gradient one element too long";
            Throws<ArgumentException>(() => _layer.Backward(input, new T[count + 1], inputGrad, _shape), ("inputGrad", inputGrad));
            if (_layer is IResidualNormalizationLayer<T> residualLayer)
            {
                var residualGrad = new T[count];
                _step = "residual Forward with a residual one element short";
                Throws<ArgumentException>(() => residualLayer.Forward(input, new T[count - 1], output, _shape), ("output", output));
                _step = "residual Backward with a residual gradient one element too long";
                var longGrad = new T[count + 1];
                Throws<ArgumentException>(() => residualLayer.Backward(input, new T[count], new T[count], inputGrad, longGrad, _shape), ("inputGrad", inputGrad), ("residualGrad", longGrad));
                _step = "residual Backward with a residual gradient that is the input";
                Throws<ArgumentException>(() => residualLayer.Backward(input, new T[count], new T[count], inputGrad, input, _shape), ("inputGrad", inputGrad), ("input", input));
            }
            else if (_layer is ISkipNormalizationLayer<T> skipLayer)
            {
                var sum = new T[count];
                _step = "skip Forward with a sum one element short";
                var shortSum = new T[count - 1];
                Throws<ArgumentException>(() => skipLayer.Forward(input, new T[count], shortSum, output, _shape), ("sum", shortSum), ("output", output));
                _step = "skip Forward with the output in the sum";
                Throws<ArgumentException>(() => skipLayer.Forward(input, new T[count], sum, sum, _shape), ("sum", sum));
                _step = "skip Backward with a sum gradient one element too long";
                Throws<ArgumentException>(() => skipLayer.Backward(input, new T[count], new T[count + 1], inputGrad, _shape), ("inputGrad", inputGrad));
            }

            if (!_case.HasPerCallAxes)
            {
                return;
            }

            int[] other = _shape;
            for (int attempt = 0; attempt < 10 && other.SequenceEqual(_shape); attempt++)
            {
                other = _case.DrawShape();
            }

            if (!other.SequenceEqual(_shape))
            {
                _step = $"Backward on shape ({string.Join(", ", other)}) after a Forward on another";
                int otherCount = Count(other);
                var otherGrad = new T[otherCount];
                Throws<InvalidOperationException>(() => _layer.Backward(new T[otherCount], new T[otherCount], otherGrad, other), ("inputGrad", otherGrad));
            }
        }

        private void TrainingForward(double[] x)
        {
            Forward(x);
            AssertState("after training Forward (running statistics and batch count)");
        }

        /// <summary>A Forward, through the residual overload two times in three when the layer has one.</summary>
        private void Forward(double[] x)
        {
            var shape = new LayoutShape(_case.Layout, _shape);
            var input = ToElements(x);
            var output = new T[x.Length];
            _lastResidual = null;
            _lastSum = null;
            bool residualCall = _case.Spec.Residual != NormResidual.None && _case.Random.Next(3) > 0;
            ResidualCalls += residualCall ? 1 : 0;
            if (residualCall && _layer is IResidualNormalizationLayer<T> residualLayer)
            {
                // y = act(norm(x) + r); the output is sometimes the residual itself (out += identity in place).
                double[] r = _case.Values(x.Length, 0, 1.5);
                var residual = ToElements(r);
                output = _case.Random.Next(4) == 0 ? residual : output;
                residualLayer.Forward(input, residual, output, _shape);
                _lastResidual = r;
                _lastZ = _reference.Forward(shape, x).Zip(r, (n, a) => n + a).ToArray();
                CloseTensor("output of the residual Forward", ReferenceActivation.Forward(_composedActivation, _lastZ), output);
            }
            else if (residualCall && _layer is ISkipNormalizationLayer<T> skipLayer)
            {
                // s = x + r, y = act(norm(s)); the sum is sometimes written over the input (the stream updated in place).
                double[] r = _case.Values(x.Length, 0, 1.5);
                // A Half layer rounds s to Half as it stores it and normalises that rounded s.
                double[] s = x.Zip(r, (a, b) => _case.IsHalf ? (double)(Half)(a + b) : a + b).ToArray();
                var sum = _case.Random.Next(4) == 0 ? input : new T[x.Length];
                skipLayer.Forward(input, ToElements(r), sum, output, _shape);
                _lastSum = sum;
                CloseTensor("sum of the skip Forward", s, sum);
                CloseTensor("output of the skip Forward", _reference.Forward(shape, s), output);
            }
            else
            {
                _layer.Forward(input, output, _shape);
                double[] expected = _reference.Forward(shape, x);
                if (_case.Spec.Residual == NormResidual.BeforeActivation)
                {
                    // The plain call takes r = 0.
                    _lastZ = expected;
                    expected = ReferenceActivation.Forward(_composedActivation, expected);
                }

                CloseTensor("output", expected, output);
            }
        }

        /// <summary>A Backward through the overload the last Forward took (for BeforeNorm, with or without a skip
        /// gradient).</summary>
        private void Backward(double[] x, double[] dy)
        {
            var inputGrad = new T[x.Length];
            if (_case.Spec.Residual == NormResidual.BeforeActivation)
            {
                double[] dz = ReferenceActivation.Backward(_composedActivation, _lastZ!, dy);
                if (_lastResidual is { } r)
                {
                    ResidualCalls++;
                    var outputGrad = ToElements(dy);
                    var residualGrad = _case.Random.Next(4) == 0 ? outputGrad : new T[x.Length];
                    ((IResidualNormalizationLayer<T>)_layer).Backward(ToElements(x), ToElements(r), outputGrad, inputGrad, residualGrad, _shape);
                    CloseTensor("residual gradient", dz, residualGrad);
                }
                else
                {
                    _layer.Backward(ToElements(x), ToElements(dy), inputGrad, _shape);
                }

                CloseTensor("input gradient", _reference.Backward(dz), inputGrad, _reference.LastInputTermScale);
            }
            else if (_lastSum is { } sum)
            {
                ResidualCalls++;
                var skipLayer = (ISkipNormalizationLayer<T>)_layer;
                if (_case.Random.Next(2) == 0)
                {
                    double[] sumGrad = _case.Values(x.Length, 0, 1);
                    skipLayer.Backward(sum, ToElements(dy), ToElements(sumGrad), inputGrad, _shape);
                    double[] normGrad = _reference.Backward(dy);
                    if (_case.IsHalf)
                    {
                        // A Half layer rounds norm'(s) dy to Half, adds sumGrad in float and rounds again, as PyTorch
                        // accumulates two half gradients: against the reference's norm gradient rounded, with a Half ulp
                        // of the largest for the layer's own (the Half rule's one ulp) and one for the second rounding.
                        double halfUlps = 2 * Math.Pow(2, -10) * normGrad.Select(Math.Abs).Where(double.IsFinite).DefaultIfEmpty(0).Max();
                        double[] rounded = normGrad.Zip(sumGrad, (a, b) => (double)(Half)a + b).ToArray();
                        CloseTensor("input gradient with the skip gradient", rounded, inputGrad, _reference.LastInputTermScale + sumGrad.Max(Math.Abs), halfUlps);
                    }
                    else
                    {
                        double[] expected = normGrad.Zip(sumGrad, (a, b) => a + b).ToArray();
                        CloseTensor("input gradient with the skip gradient", expected, inputGrad, _reference.LastInputTermScale + sumGrad.Max(Math.Abs));
                    }
                }
                else
                {
                    _layer.Backward(sum, ToElements(dy), inputGrad, _shape);
                    CloseTensor("input gradient on s", _reference.Backward(dy), inputGrad, _reference.LastInputTermScale);
                }
            }
            else
            {
                _layer.Backward(ToElements(x), ToElements(dy), inputGrad, _shape);
                CloseTensor("input gradient", _reference.Backward(dy), inputGrad, _reference.LastInputTermScale);
            }

            AssertState("after Backward (parameter gradients)");
        }

        private void RandomizeParameters()
        {
            if (_layer.Weight is not { } weight || _reference.Weight is null)
            {
                return;
            }

            // RMSNorm has a weight alone.
            double[] w = _case.ParameterValues(weight.Length, 1, 0.5);
            double[]? b = _layer.Bias is null ? null : _case.ParameterValues(weight.Length, 0, 0.5);
            for (int p = 0; p < w.Length; p++)
            {
                weight[p] = T.CreateTruncating(w[p]);
                _reference.Weight[p] = w[p];
                if (b is not null)
                {
                    _layer.Bias![p] = T.CreateTruncating(b[p]);
                    _reference.Bias![p] = b[p];
                }
            }
        }

        /// <summary>Input values around a centre drawn for the call, so the offset from zero varies too.</summary>
        private double[] Input(int count)
        {
            double centre = Math.Round((_case.Random.NextDouble() * 6) - 3, 2);
            double spread = new[] { 0.5, 1, 2, 3 }[_case.Random.Next(4)];
            return _case.Values(count, centre, spread);
        }

        /// <summary>A centred layer refuses this shape in training; RMSNorm (not centred) takes one value per statistic.</summary>
        private bool OneValuePerStatistic(int[] shape) =>
            _case.Spec.Center && new StatisticMap(_case.Spec, new LayoutShape(_case.Layout, shape)).ElementsPerStatistic == 1;

        private void AssertState(string when)
        {
            Same("Weight " + when, _reference.Weight, _layer.Weight);
            Same("Bias " + when, _reference.Bias, _layer.Bias);
            Same("WeightGrad " + when, _reference.WeightGrad, _layer.WeightGrad, _reference.WeightGradTermScale);
            Same("BiasGrad " + when, _reference.BiasGrad, _layer.BiasGrad, _reference.BiasGradTermScale);
            Same("RunningMean " + when, _reference.RunningMean, _layer.RunningMean);
            Same("RunningVar " + when, _reference.RunningVar, _layer.RunningVar);
            Equal(_reference.NumBatchesTracked, _layer.NumBatchesTracked, "NumBatchesTracked " + when);
        }

        /// <summary>Within the element type's tolerance of the values, or of <paramref name="termScale"/> for sums of terms that
        /// cancel (the parameter gradients).</summary>
        private void Same(string quantity, double[]? expected, T[]? actual, double termScale = 0)
        {
            Checks++;
            if ((expected is null) != (actual is null))
            {
                throw new XunitException($"{quantity}: present in the reference = {expected is not null}, in the layer = {actual is not null}.");
            }

            if (expected is not null && actual is not null)
            {
                NumericAssert.Close(quantity, expected, ToDoubles(actual), Relative, termScale);
            }
        }

        /// <summary>A tensor against the reference: the element type's tolerance, or for a Half layer the Half rule,
        /// where the float arithmetic it rounds from may be as far from the double reference as a float layer's
        /// (<see cref="Tolerances.FloatRelative"/> of the larger of the value and <paramref name="termScale"/> or the
        /// array's largest value), plus <paramref name="halfRoundings"/> where the layer rounds to Half more than once.</summary>
        private void CloseTensor(string quantity, double[] expected, T[] actual, double termScale = 0, double halfRoundings = 0)
        {
            Checks++;
            if (_case.IsHalf)
            {
                double scale = Math.Max(termScale, expected.Select(Math.Abs).Where(double.IsFinite).DefaultIfEmpty(0).Max());
                HalfAssert.RoundedOnce(quantity, ((float[])(object)actual).Select(v => (Half)v).ToArray(), expected, (Tolerances.FloatRelative * scale) + halfRoundings);
            }
            else
            {
                NumericAssert.Close(quantity, expected, ToDoubles(actual), Relative, termScale);
            }
        }

        private void Equal<TValue>(TValue expected, TValue actual, string quantity)
        {
            Checks++;
            if (!Equals(expected, actual))
            {
                throw new XunitException(string.Format(CultureInfo.InvariantCulture, "{0}: expected {1}, actual {2}.", quantity, expected, actual));
            }
        }

        /// <summary>The call throws <typeparamref name="TException"/> (or a subclass) and changes nothing.</summary>
        private void Throws<TException>(Action call, params (string Name, T[] Buffer)[] buffers)
            where TException : Exception
        {
            Checks++;
            var before = LayerSnapshot<T>.Capture(_layer, buffers);
            var thrown = Record.Exception(call);
            if (thrown is not TException)
            {
                throw new XunitException($"expected {typeof(TException).Name}, got {(thrown is null ? "no exception" : thrown.GetType().Name + ": " + thrown.Message)}");
            }

            before.AssertUnchanged(_layer, _step, buffers);
        }

        private static int Count(int[] shape) => shape.Aggregate(1, (p, e) => p * e);

        private static T[] ToElements(double[] values) => values.Select(T.CreateTruncating).ToArray();

        private static double[] ToDoubles(T[] values) => values.Select(double.CreateTruncating).ToArray();
    }
}
