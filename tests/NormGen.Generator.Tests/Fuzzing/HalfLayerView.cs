using System;

namespace NormGen.Generator.Tests.Fuzzing
{
    /// <summary>
    /// A <c>[Normalize&lt;Half&gt;]</c> layer (<see cref="INormalizationLayer{TTensor, TParameter}"/> of Half and float)
    /// seen as an <see cref="INormalizationLayer{T}"/> of float, so the differential script drives it as any float layer.
    /// Tensors handed in must hold Half values (the fuzz draws them rounded to Half), so narrowing them is exact; every
    /// tensor the layer writes is copied back widened, also when the call throws, so a partial write is seen. The
    /// parameters, their gradients and the running statistics are the layer's own float arrays. A layer with a residual
    /// is seen through <see cref="Of"/> as the float residual or skip interface, its spans that are the same memory handed
    /// on as one Half array, so that the layer's aliasing rules are what is checked.
    /// </summary>
    internal class HalfLayerView(INormalizationLayer<Half, float> layer) : INormalizationLayer<float>
    {
        /// <summary>The view of a Half layer: of its residual or skip interface where it has one.</summary>
        public static INormalizationLayer<float> Of(object layer) => layer switch
        {
            IResidualNormalizationLayer<Half, float> residual => new Residual(residual),
            ISkipNormalizationLayer<Half, float> skip => new Skip(skip),
            _ => new HalfLayerView((INormalizationLayer<Half, float>)layer),
        };

        public string Layout => layer.Layout;

        public string Axes => layer.Axes;

        public int Channels => layer.Channels;

        public ReadOnlySpan<int> ParameterShape => layer.ParameterShape;

        public double Epsilon => layer.Epsilon;

        public bool Training
        {
            get => layer.Training;
            set => layer.Training = value;
        }

        public float[]? Weight => layer.Weight;

        public float[]? Bias => layer.Bias;

        public float[]? WeightGrad => layer.WeightGrad;

        public float[]? BiasGrad => layer.BiasGrad;

        public float[]? RunningMean => layer.RunningMean;

        public float[]? RunningVar => layer.RunningVar;

        public long NumBatchesTracked
        {
            get => layer.NumBatchesTracked;
            set => layer.NumBatchesTracked = value;
        }

        public void Forward(ReadOnlySpan<float> input, Span<float> output, ReadOnlySpan<int> shape)
        {
            var written = Narrow(output);
            try
            {
                layer.Forward(Narrow(input), written, shape);
            }
            finally
            {
                Widen(written, output);
            }
        }

        public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, ReadOnlySpan<int> shape)
        {
            var written = Narrow(inputGrad);
            try
            {
                layer.Backward(Narrow(input), Narrow(outputGrad), written, shape);
            }
            finally
            {
                Widen(written, inputGrad);
            }
        }

        public void ZeroGrad() => layer.ZeroGrad();

        public void ResetParameters() => layer.ResetParameters();

        public void ResetRunningStats() => layer.ResetRunningStats();

        /// <summary>The two spans are the same memory (same start, same length): the view hands on one Half array.</summary>
        private static bool Same(ReadOnlySpan<float> span, ReadOnlySpan<float> other) =>
            span.Overlaps(other, out int offset) && offset == 0 && span.Length == other.Length;

        private sealed class Residual(IResidualNormalizationLayer<Half, float> layer) : HalfLayerView(layer), IResidualNormalizationLayer<float>
        {
            public void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> output, ReadOnlySpan<int> shape)
            {
                var r = Narrow(residual);
                var y = Same(output, residual) ? r : Narrow(output);
                try
                {
                    layer.Forward(Narrow(input), r, y, shape);
                }
                finally
                {
                    Widen(y, output);
                }
            }

            public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> residual, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, Span<float> residualGrad, ReadOnlySpan<int> shape)
            {
                var x = Narrow(input);
                var r = Narrow(residual);
                var dy = Narrow(outputGrad);
                var dx = Same(inputGrad, outputGrad) ? dy : Narrow(inputGrad);
                var dr = Same(residualGrad, outputGrad) ? dy
                    : Same(residualGrad, input) ? x
                    : Same(residualGrad, residual) ? r
                    : Same(residualGrad, inputGrad) ? dx
                    : Narrow(residualGrad);
                try
                {
                    layer.Backward(x, r, dy, dx, dr, shape);
                }
                finally
                {
                    Widen(dx, inputGrad);
                    Widen(dr, residualGrad);
                }
            }
        }

        private sealed class Skip(ISkipNormalizationLayer<Half, float> layer) : HalfLayerView(layer), ISkipNormalizationLayer<float>
        {
            public void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> residual, Span<float> sum, Span<float> output, ReadOnlySpan<int> shape)
            {
                var x = Narrow(input);
                var r = Narrow(residual);
                var s = Same(sum, input) ? x : Same(sum, residual) ? r : Narrow(sum);
                var y = Same(output, sum) ? s : Same(output, input) ? x : Same(output, residual) ? r : Narrow(output);
                try
                {
                    layer.Forward(x, r, s, y, shape);
                }
                finally
                {
                    Widen(s, sum);
                    Widen(y, output);
                }
            }

            public void Backward(ReadOnlySpan<float> sum, ReadOnlySpan<float> outputGrad, ReadOnlySpan<float> sumGrad, Span<float> inputGrad, ReadOnlySpan<int> shape)
            {
                var g = Narrow(sumGrad);
                var dx = Same(inputGrad, sumGrad) ? g : Narrow(inputGrad);
                try
                {
                    layer.Backward(Narrow(sum), Narrow(outputGrad), g, dx, shape);
                }
                finally
                {
                    Widen(dx, inputGrad);
                }
            }
        }

        /// <summary>The values as Half; fails the check (with no exception a call is expected to throw) if one is not a
        /// Half value, since the comparison would then be of something other than what was drawn.</summary>
        private static Half[] Narrow(ReadOnlySpan<float> values)
        {
            var halves = new Half[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                halves[i] = (Half)values[i];
                if ((float)halves[i] != values[i] && !float.IsNaN(values[i]))
                {
                    throw new Xunit.Sdk.XunitException($"{values[i]:R} at [{i}] is not a Half value; the fuzz draws tensors rounded to Half.");
                }
            }

            return halves;
        }

        private static void Widen(Half[] halves, Span<float> values)
        {
            for (int i = 0; i < halves.Length; i++)
            {
                values[i] = (float)halves[i];
            }
        }
    }
}
