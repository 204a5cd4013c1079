using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace NormGen.Runtime
{
    /// <summary>The exceptions generated layers throw for bad input. Generated code tests the condition itself and
    /// calls these only on failure, so the messages (and their allocations) cost nothing on the normal path.
    /// Every check runs before a layer writes anything: a call that throws leaves outputs, parameters,
    /// gradients and statistics as they were.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ShapeGuard
    {
        // ElementCount: the element count of a layout whose extents not fixed in the attribute are the int arguments,
        // named (comma separated) by names; fixedProduct is the fixed extents' product, saturated just above int.MaxValue;
        // format writes the shape for messages ("(N={0}, C=64)"). Inlined: the checks cost what written out would, and
        // only a failure calls ThrowElementCount. Each factor is below 2^31 and the count is at most 2^31 before it is
        // multiplied, so the product never overflows a long.

        /// <summary>The element count of a layout whose extents are all fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int ElementCount(string format, long fixedProduct) =>
            fixedProduct <= int.MaxValue ? (int)fixedProduct : ThrowElementCount(format, "", fixedProduct);

        /// <summary>The element count of a layout with one extent not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int ElementCount(string format, string names, long fixedProduct, int first)
        {
            long count = fixedProduct * first;
            return first > 0 && count <= int.MaxValue ? (int)count : ThrowElementCount(format, names, fixedProduct, first);
        }

        /// <summary>The element count of a layout with two extents not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int ElementCount(string format, string names, long fixedProduct, int first, int second)
        {
            long count = fixedProduct * first;
            return first > 0 && second > 0 && count <= int.MaxValue && (count *= second) <= int.MaxValue
                ? (int)count
                : ThrowElementCount(format, names, fixedProduct, first, second);
        }

        /// <summary>The element count of a layout with three extents not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int ElementCount(string format, string names, long fixedProduct, int first, int second, int third)
        {
            long count = fixedProduct * first;
            return first > 0 && second > 0 && third > 0 && count <= int.MaxValue && (count *= second) <= int.MaxValue
                && (count *= third) <= int.MaxValue
                ? (int)count
                : ThrowElementCount(format, names, fixedProduct, first, second, third);
        }

        /// <summary>The element count of a layout with four extents not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int ElementCount(string format, string names, long fixedProduct, int first, int second, int third, int fourth)
        {
            long count = fixedProduct * first;
            return first > 0 && second > 0 && third > 0 && fourth > 0 && count <= int.MaxValue && (count *= second) <= int.MaxValue
                && (count *= third) <= int.MaxValue && (count *= fourth) <= int.MaxValue
                ? (int)count
                : ThrowElementCount(format, names, fixedProduct, first, second, third, fourth);
        }

        /// <summary>The element count of a layout with five extents not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int ElementCount(string format, string names, long fixedProduct, int first, int second, int third, int fourth, int fifth)
        {
            long count = fixedProduct * first;
            return first > 0 && second > 0 && third > 0 && fourth > 0 && fifth > 0 && count <= int.MaxValue
                && (count *= second) <= int.MaxValue && (count *= third) <= int.MaxValue && (count *= fourth) <= int.MaxValue
                && (count *= fifth) <= int.MaxValue
                ? (int)count
                : ThrowElementCount(format, names, fixedProduct, first, second, third, fourth, fifth);
        }

        /// <summary>The element count of a layout with six extents not fixed (every axis a layout can have).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int ElementCount(
            string format, string names, long fixedProduct, int first, int second, int third, int fourth, int fifth, int sixth)
        {
            long count = fixedProduct * first;
            return first > 0 && second > 0 && third > 0 && fourth > 0 && fifth > 0 && sixth > 0 && count <= int.MaxValue
                && (count *= second) <= int.MaxValue && (count *= third) <= int.MaxValue && (count *= fourth) <= int.MaxValue
                && (count *= fifth) <= int.MaxValue && (count *= sixth) <= int.MaxValue
                ? (int)count
                : ThrowElementCount(format, names, fixedProduct, first, second, third, fourth, fifth, sixth);
        }

        // CheckLength: a span's length against the element count of the shape whose extents not fixed in the attribute are
        // the int arguments (format as for ElementCount). Inlined: only a failure describes the shape and throws.

        /// <summary>Throws <see cref="ThrowLength"/>'s exception unless <paramref name="actual"/> is <paramref name="expected"/>:
        /// a layout whose extents are all fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void CheckLength(string name, int actual, int expected, string format)
        {
            if (actual != expected)
            {
                ThrowLength(name, actual, expected, DescribeShape(format));
            }
        }

        /// <summary>Throws <see cref="ThrowLength"/>'s exception unless <paramref name="actual"/> is <paramref name="expected"/>:
        /// a layout with one extent not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void CheckLength(string name, int actual, int expected, string format, int first)
        {
            if (actual != expected)
            {
                ThrowLength(name, actual, expected, DescribeShape(format, first));
            }
        }

        /// <summary>Throws <see cref="ThrowLength"/>'s exception unless <paramref name="actual"/> is <paramref name="expected"/>:
        /// a layout with two extents not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void CheckLength(string name, int actual, int expected, string format, int first, int second)
        {
            if (actual != expected)
            {
                ThrowLength(name, actual, expected, DescribeShape(format, first, second));
            }
        }

        /// <summary>Throws <see cref="ThrowLength"/>'s exception unless <paramref name="actual"/> is <paramref name="expected"/>:
        /// a layout with three extents not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void CheckLength(string name, int actual, int expected, string format, int first, int second, int third)
        {
            if (actual != expected)
            {
                ThrowLength(name, actual, expected, DescribeShape(format, first, second, third));
            }
        }

        /// <summary>Throws <see cref="ThrowLength"/>'s exception unless <paramref name="actual"/> is <paramref name="expected"/>:
        /// a layout with four extents not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void CheckLength(string name, int actual, int expected, string format, int first, int second, int third, int fourth)
        {
            if (actual != expected)
            {
                ThrowLength(name, actual, expected, DescribeShape(format, first, second, third, fourth));
            }
        }

        /// <summary>Throws <see cref="ThrowLength"/>'s exception unless <paramref name="actual"/> is <paramref name="expected"/>:
        /// a layout with five extents not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void CheckLength(string name, int actual, int expected, string format, int first, int second, int third, int fourth, int fifth)
        {
            if (actual != expected)
            {
                ThrowLength(name, actual, expected, DescribeShape(format, first, second, third, fourth, fifth));
            }
        }

        /// <summary>Throws <see cref="ThrowLength"/>'s exception unless <paramref name="actual"/> is <paramref name="expected"/>:
        /// a layout with six extents not fixed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void CheckLength(string name, int actual, int expected, string format, int first, int second, int third, int fourth, int fifth, int sixth)
        {
            if (actual != expected)
            {
                ThrowLength(name, actual, expected, DescribeShape(format, first, second, third, fourth, fifth, sixth));
            }
        }

        /// <summary>The shape in messages: <paramref name="format"/> with the extents not fixed in the attribute.</summary>
        public static string DescribeShape(string format, params int[] extents)
        {
            if (extents.Length == 0)
            {
                return format;
            }

            var arguments = new object[extents.Length];
            for (int i = 0; i < extents.Length; i++)
            {
                arguments[i] = extents[i];
            }

            return string.Format(CultureInfo.InvariantCulture, format, arguments);
        }

        // The first failed check of ElementCount, in its order: each extent positive, then the running product.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int ThrowElementCount(string format, string names, long fixedProduct, params int[] extents)
        {
            string[] parameters = names.Split(new[] { ", " }, StringSplitOptions.None);
            for (int i = 0; i < extents.Length; i++)
            {
                if (extents[i] <= 0)
                {
                    ThrowNonPositive(parameters[i], extents[i]);
                }
            }

            long count = fixedProduct;
            if (count > int.MaxValue)
            {
                ThrowTooLarge(DescribeShape(format, extents), count);
            }

            foreach (int extent in extents)
            {
                count *= extent;
                if (count > int.MaxValue)
                {
                    ThrowTooLarge(DescribeShape(format, extents), count);
                }
            }

            throw new InvalidOperationException("The shape " + DescribeShape(format, extents) + " passed every element-count check.");
        }

        /// <summary>A dimension passed to a call is zero or negative.</summary>
        [DoesNotReturn]
        public static void ThrowNonPositive(string name, int value) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Dimension '{0}' must be positive, but was {1}.", name, value),
                name);

        /// <summary>The shape has more elements than a span can hold.</summary>
        [DoesNotReturn]
        public static void ThrowTooLarge(string shape, long elements) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Shape {0} has {1} elements, more than a span can hold ({2}).", shape, elements, int.MaxValue));

        /// <summary>A span does not have the length the shape asks for.</summary>
        [DoesNotReturn]
        public static void ThrowLength(string name, int actual, int expected, string shape) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "'{0}' has {1} elements, but shape {2} needs exactly {3}.", name, actual, shape, expected),
                name);

        /// <summary>Training would compute a statistic from a single value (PyTorch: "Expected more than 1 value per channel when training").</summary>
        [DoesNotReturn]
        public static void ThrowSingleValue(string shape, string reducedAxes) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Expected more than 1 value per statistic when training, but shape {0} has 1 value over the reduced axes {1}; use a larger input or switch to eval mode (Training = false).", shape, reducedAxes));

        /// <summary>A full shape does not have the layout's rank.</summary>
        [DoesNotReturn]
        public static void ThrowRank(string layout, int actualRank) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Layout {0} has {1} axes, but the shape has {2}.", layout, layout.Length, actualRank),
                "shape");

        /// <summary>A full shape contradicts an extent fixed in the attribute.</summary>
        [DoesNotReturn]
        public static void ThrowFixedExtent(string layout, char axis, int expected, int actual) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Axis {0} of layout {1} is fixed at {2}, but the shape gives {3}.", axis, layout, expected, actual),
                "shape");

        /// <summary>A full shape contradicts an extent given to the layer's constructor.</summary>
        [DoesNotReturn]
        public static void ThrowConstructedExtent(string layout, char axis, int expected, int actual) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Axis {0} of layout {1} was constructed with extent {2}, but the shape gives {3}.", axis, layout, expected, actual),
                "shape");

        /// <summary>A constructor was given a channel count that is not positive or not a multiple of the group count
        /// (PyTorch: "num_channels must be divisible by num_groups").</summary>
        [DoesNotReturn]
        public static void ThrowChannels(int channels, int groups)
        {
            if (channels <= 0)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "channels must be positive, but was {0}.", channels),
                    nameof(channels));
            }

            int below = channels / groups * groups;
            string nearby = below == 0
                ? (below + groups).ToString(CultureInfo.InvariantCulture)
                : string.Format(CultureInfo.InvariantCulture, "{0} or {1}", below, below + groups);
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "channels = {0} is not divisible by Groups = {1}: each group needs the same number of channels. Nearby valid channel counts: {2}.", channels, groups, nearby),
                nameof(channels));
        }

        /// <summary>Throws <see cref="ThrowNoRunningStatistics"/>'s exception unless <paramref name="batchesTracked"/> is 0: the
        /// batch count a layer without running statistics is set to.</summary>
        public static void CheckNoRunningStatistics(long batchesTracked)
        {
            if (batchesTracked != 0)
            {
                ThrowNoRunningStatistics();
            }
        }

        /// <summary>A layer without running statistics was given a batch count other than 0.</summary>
        [DoesNotReturn]
        public static void ThrowNoRunningStatistics() =>
            throw new InvalidOperationException("This layer keeps no running statistics, so it counts no batches.");

        /// <summary><c>Backward</c> was called without a <c>Forward</c> of the same shape before it.</summary>
        [DoesNotReturn]
        public static void ThrowNoMatchingForward(string shape, string? lastForwardShape) =>
            throw new InvalidOperationException(lastForwardShape is null
                ? string.Format(CultureInfo.InvariantCulture, "Backward with shape {0} needs a Forward on the same input first; this layer has not run Forward since it was created.", shape)
                : string.Format(CultureInfo.InvariantCulture, "Backward with shape {0} needs a Forward on the same input first; the last Forward had shape {1}.", shape, lastForwardShape));
    }
}
