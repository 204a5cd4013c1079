using System;

namespace NormGen.Generator.Tests.Fuzzing
{
    /// <summary>
    /// A <c>[Normalize&lt;Half&gt;]</c> layer (<see cref="INormalizationLayer{TTensor, TParameter}"/> of Half and float)
    /// seen as an <see cref="INormalizationLayer{T}"/> of float, so the differential script drives it as any float layer.
    /// Tensors handed in must hold Half values (the fuzz draws them rounded to Half), so narrowing them is exact; every
    /// tensor the layer writes is copied back widened, also when the call throws, so a partial write is seen. The
    /// parameters, their gradients and the running statistics are the layer's own float arrays.
    /// </summary>
    internal sealed class HalfLayerView(INormalizationLayer<Half, float> layer) : INormalizationLayer<float>
    {
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
