using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NormGen.Runtime
{
    /// <summary>
    /// The element-wise passes over one contiguous run of values that the generated channels-first kernels take where a
    /// run's statistic and parameters are constants: the loop nest around a run stays generated, specialised to the
    /// declaration, and each run is one call, inlined into the kernel. Generated layers call them; they are not meant to
    /// be called directly.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class RunMaps
    {
        /// <summary>y = (x - <paramref name="mean"/>) * <paramref name="scale"/> + <paramref name="bias"/> over the
        /// <paramref name="length"/> values from <paramref name="x"/> and <paramref name="y"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Normalize<T>(ref T x, ref T y, int length, T mean, T scale, T bias)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var m = new Vector<T>(mean);
            var s = new Vector<T>(scale);
            var b = new Vector<T>(bias);
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= length - lanes; i += lanes)
            {
                Vector.StoreUnsafe((Vector.LoadUnsafe(ref x, (nuint)i) - m) * s + b, ref y, (nuint)i);
            }

            for (; i < length; i++)
            {
                Unsafe.Add(ref y, i) = (Unsafe.Add(ref x, i) - mean) * scale + bias;
            }
        }

        /// <summary>dx = invStd * (weight * dy - meanG - xhat * meanGXhat), xhat = (x - mean) * invStd, over the
        /// <paramref name="length"/> values from <paramref name="x"/>, <paramref name="dy"/> and <paramref name="dx"/>
        /// (a layer without a weight passes one, and 1 * dy is dy exactly).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void InputGradient<T>(ref T x, ref T dy, ref T dx, int length, T mean, T invStd, T weight, T meanG, T meanGXhat)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var m = new Vector<T>(mean);
            var inv = new Vector<T>(invStd);
            var g = new Vector<T>(weight);
            var k1 = new Vector<T>(meanG);
            var k2 = new Vector<T>(meanGXhat);
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= length - lanes; i += lanes)
            {
                var xhat = (Vector.LoadUnsafe(ref x, (nuint)i) - m) * inv;
                Vector.StoreUnsafe(inv * (g * Vector.LoadUnsafe(ref dy, (nuint)i) - k1 - xhat * k2), ref dx, (nuint)i);
            }

            for (; i < length; i++)
            {
                T xhat = (Unsafe.Add(ref x, i) - mean) * invStd;
                Unsafe.Add(ref dx, i) = invStd * (weight * Unsafe.Add(ref dy, i) - meanG - xhat * meanGXhat);
            }
        }

        /// <summary>dx = dy * <paramref name="scale"/> over the <paramref name="length"/> values from <paramref name="dy"/>
        /// and <paramref name="dx"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Scale<T>(ref T dy, ref T dx, int length, T scale)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var s = new Vector<T>(scale);
            int lanes = Vector<T>.Count;
            int i = 0;
            for (; i <= length - lanes; i += lanes)
            {
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref dy, (nuint)i) * s, ref dx, (nuint)i);
            }

            for (; i < length; i++)
            {
                Unsafe.Add(ref dx, i) = Unsafe.Add(ref dy, i) * scale;
            }
        }
    }
}
