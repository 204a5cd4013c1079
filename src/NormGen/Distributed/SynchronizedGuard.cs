using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NormGen.Distributed
{
    /// <summary>The exceptions of the synchronised methods generated layers have. Generated code tests each condition
    /// itself and calls these only on failure; every check runs before anything is written.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SynchronizedGuard
    {
        /// <summary>The batch extent of a synchronised call, after checking it is not negative (zero is allowed: a rank whose
        /// slice is empty).</summary>
        public static int CheckBatch(int batch)
        {
            if (batch < 0)
            {
                ThrowNegativeBatch(nameof(batch), batch);
            }

            return batch;
        }

        /// <summary>The batch extent of a synchronised call is negative (zero is allowed: a rank whose slice is empty).</summary>
        [DoesNotReturn]
        public static void ThrowNegativeBatch(string name, int value) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Dimension '{0}' must not be negative, but was {1}; a rank with no samples passes 0.", name, value),
                name);

        /// <summary>The merged batch has at most one value per statistic (PyTorch: "Expected more than 1 value per channel when training").</summary>
        [DoesNotReturn]
        public static void ThrowSingleValue(string shape, string reducedAxes, double mergedCount) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Expected more than 1 value per statistic when training, but the batch merged across all ranks has {0:R} value(s) per statistic over the reduced axes {1} (this rank's shape {2}); use larger slices or switch to eval mode (Training = false).", mergedCount, reducedAxes, shape));

        /// <summary>A synchronised Backward step without a synchronised training Forward of the same shape since.</summary>
        [DoesNotReturn]
        public static void ThrowNoSynchronizedForward(string shape, string? lastForwardShape) =>
            throw new InvalidOperationException(lastForwardShape is null
                ? string.Format(CultureInfo.InvariantCulture, "The synchronised Backward with shape {0} needs a synchronised training Forward (ForwardSynchronized or ForwardFromMoments) on the same input first, with no plain Forward since.", shape)
                : string.Format(CultureInfo.InvariantCulture, "The synchronised Backward with shape {0} needs a synchronised training Forward on the same input first; the last one had shape {1}.", shape, lastForwardShape));

        /// <summary>A training-only half (<c>ForwardFromMoments</c>) was called in eval mode.</summary>
        [DoesNotReturn]
        public static void ThrowEvalMode(string method) =>
            throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "{0} normalises with batch statistics merged across ranks, which only training does; in eval mode (Training = false) call Forward, or ForwardSynchronized, which needs no exchange then.", method));
    }
}
