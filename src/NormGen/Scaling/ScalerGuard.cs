using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NormGen.Runtime
{
    /// <summary>The exceptions generated scalers throw for a call their state does not allow. Generated code tests the
    /// condition itself and calls these only on failure.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ScalerGuard
    {
        /// <summary><c>Transform</c> or <c>InverseTransform</c> before any <c>Fit</c> (scikit-learn's NotFittedError).</summary>
        [DoesNotReturn]
        public static void ThrowNotFitted(string scaler) =>
            throw new InvalidOperationException(
                string.Format(CultureInfo.InvariantCulture, "{0} is not fitted yet: call Fit with some data first, or set its statistics and Count to saved values.", scaler));

        /// <summary>A negative <c>Count</c> was set.</summary>
        [DoesNotReturn]
        public static void ThrowNegativeCount(long value) =>
            throw new ArgumentOutOfRangeException(
                "value",
                value,
                string.Format(CultureInfo.InvariantCulture, "Count is the number of values each statistic was fitted on and cannot be negative, but was {0}.", value));
    }
}
