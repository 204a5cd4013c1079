using System;

namespace NormGen.Serialization
{
    /// <summary>Element counts and descriptions of shapes.</summary>
    internal static class TensorShapes
    {
        /// <summary>The product of the extents; <see cref="StateDictException"/> for a negative extent or an overflow.</summary>
        public static long ElementCount(ReadOnlySpan<long> shape, string? name)
        {
            long count = 1;
            foreach (long extent in shape)
            {
                if (extent < 0) throw new StateDictException(name, "shape " + Describe(shape) + " has a negative extent.");
                try
                {
                    count = checked(count * extent);
                }
                catch (OverflowException)
                {
                    throw new StateDictException(name, "shape " + Describe(shape) + " has more values than a 64-bit count holds.");
                }
            }

            return count;
        }

        public static long ElementCountOrThrowArgument(long[] shape)
        {
            try
            {
                return ElementCount(shape, null);
            }
            catch (StateDictException e)
            {
                throw new ArgumentException(e.Message, nameof(shape));
            }
        }

        public static string Describe(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

        public static string Describe(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

        public static bool Equal(ReadOnlySpan<long> actual, ReadOnlySpan<int> expected)
        {
            if (actual.Length != expected.Length) return false;
            for (int i = 0; i < actual.Length; i++)
            {
                if (actual[i] != expected[i]) return false;
            }

            return true;
        }
    }
}
