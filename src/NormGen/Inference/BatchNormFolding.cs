using System;
using System.Globalization;
using System.Numerics;

namespace NormGen
{
    /// <summary>
    /// Folds a normalisation layer with running statistics (BatchNorm) into the convolution or linear layer before it, for
    /// inference: with <c>s = γ / √(runningVar + ε)</c> per output channel, <c>W' = W · s</c> and <c>b' = (b − runningMean) · s + β</c>,
    /// so that the folded layer alone computes what the layer followed by the normalisation computes in eval mode.
    /// </summary>
    public static class BatchNormFolding
    {
        /// <summary>Writes the folded weight and bias of a layer whose weight is laid out <c>[outChannels, ...]</c>
        /// (<c>nn.Conv2d</c>, <c>nn.Conv1d</c>, <c>nn.Linear</c>) and that <paramref name="norm"/> follows. Every argument is
        /// checked before anything is written; the outputs may be the inputs themselves.</summary>
        /// <param name="norm">The normalisation, in eval mode, with one running statistic per channel.</param>
        /// <param name="weight">The weight, <paramref name="weightShape"/>[0] = the channel count rows.</param>
        /// <param name="weightShape">The weight's shape, outermost first: <c>[out, in, kh, kw]</c>, <c>[out, in]</c>, ...</param>
        /// <param name="bias">The layer's bias, one per output channel, or empty when it has none.</param>
        /// <param name="foldedWeight">Receives <c>W · s</c>; as long as <paramref name="weight"/>.</param>
        /// <param name="foldedBias">Receives <c>(b − mean) · s + β</c>; one per output channel.</param>
        /// <exception cref="InvalidOperationException">The layer is in training mode or keeps no running statistics per channel.</exception>
        /// <exception cref="ArgumentException">A shape or length does not match the layer's channel count.</exception>
        /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>; the factors are computed in double.</typeparam>
        public static void Fold<T>(
            INormalizationLayer<T> norm, ReadOnlySpan<T> weight, ReadOnlySpan<int> weightShape, ReadOnlySpan<T> bias, Span<T> foldedWeight, Span<T> foldedBias)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int channels = Check(norm, weight.Length, weightShape, bias.Length, foldedWeight.Length, foldedBias.Length);
            int rowLength = weight.Length / channels;
            for (int c = 0; c < channels; c++)
            {
                double gamma = norm.Weight is null ? 1d : double.CreateTruncating(norm.Weight[c]);
                double beta = norm.Bias is null ? 0d : double.CreateTruncating(norm.Bias[c]);
                double scale = gamma / Math.Sqrt(double.CreateTruncating(norm.RunningVar![c]) + norm.Epsilon);
                double layerBias = bias.IsEmpty ? 0d : double.CreateTruncating(bias[c]);
                foldedBias[c] = T.CreateTruncating((layerBias - double.CreateTruncating(norm.RunningMean![c])) * scale + beta);
                T scaleT = T.CreateTruncating(scale);
                var row = foldedWeight.Slice(c * rowLength, rowLength);
                var source = weight.Slice(c * rowLength, rowLength);
                for (int i = 0; i < rowLength; i++)
                {
                    row[i] = source[i] * scaleT;
                }
            }
        }

        private static int Check<T>(INormalizationLayer<T> norm, int weightLength, ReadOnlySpan<int> weightShape, int biasLength, int foldedWeightLength, int foldedBiasLength)
            where T : unmanaged
        {
            if (norm is null)
            {
                throw new ArgumentNullException(nameof(norm));
            }

            int channels = norm.Channels;
            if (norm.RunningMean is null || norm.RunningVar is null || norm.RunningMean.Length != channels)
            {
                throw new InvalidOperationException(Format(
                    "Only a layer with one running statistic per channel (BatchNorm, or InstanceNorm with TrackRunningStats) folds into the layer before it; this one ({0} over {1}) has {2}.",
                    norm.Layout, norm.Axes, norm.RunningMean is null ? "none" : norm.RunningMean.Length + " for " + channels + " channels"));
            }

            if (norm.Training)
            {
                throw new InvalidOperationException("Folding uses the running statistics, which only eval mode normalises with; set Training = false first.");
            }

            if (norm.Weight is not null && norm.Weight.Length != channels)
            {
                throw new InvalidOperationException(Format("The layer's weight is element-wise ({0} values), not one per channel.", norm.Weight.Length));
            }

            if (weightShape.IsEmpty || weightShape[0] != channels)
            {
                throw new ArgumentException(Format(
                    "The weight's outermost extent must be the layer's channel count {0} (the output channels), but the shape is [{1}].", channels, string.Join(", ", weightShape.ToArray())),
                    nameof(weightShape));
            }

            long product = 1;
            foreach (int extent in weightShape)
            {
                if (extent <= 0)
                {
                    throw new ArgumentException(Format("The weight's shape [{0}] has an extent that is not positive.", string.Join(", ", weightShape.ToArray())), nameof(weightShape));
                }

                product = Math.Min(product * extent, (long)int.MaxValue + 1);
            }

            if (product != weightLength)
            {
                throw new ArgumentException(Format("The weight has {0} values, but its shape [{1}] needs {2}.", weightLength, string.Join(", ", weightShape.ToArray()), product), "weight");
            }

            if (biasLength != 0 && biasLength != channels)
            {
                throw new ArgumentException(Format("The bias has {0} values; it needs one per output channel ({1}), or none.", biasLength, channels), "bias");
            }

            if (foldedWeightLength != weightLength)
            {
                throw new ArgumentException(Format("foldedWeight has {0} values, but the weight has {1}.", foldedWeightLength, weightLength), "foldedWeight");
            }

            if (foldedBiasLength != channels)
            {
                throw new ArgumentException(Format("foldedBias has {0} values; it needs one per output channel ({1}).", foldedBiasLength, channels), "foldedBias");
            }

            return channels;
        }

        private static string Format(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
    }
}
