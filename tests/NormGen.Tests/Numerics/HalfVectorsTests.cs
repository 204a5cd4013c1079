using System;
using System.Collections.Generic;
using System.Numerics;
using NormGen.Runtime;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// <see cref="HalfVectors"/> against the scalar casts, bit for bit: every one of the 65,536 halves widened, and a
    /// dense sweep of floats narrowed (each half's value, its midpoints with both neighbours — the ties — and the floats
    /// just either side of them; every float within 4,096 units in the last place of the boundaries where the rounding
    /// changes — the subnormal ties, the largest subnormal and smallest normal, the overflow threshold, Inf and the
    /// NaNs next to it, the magnitudes where the narrowing's rounding addend overflows; NaN payloads; a stride through
    /// all 2^32 float bit patterns; 4 million random bit patterns from a fixed seed). Each vector is loaded and stored at
    /// an odd offset too, so no alignment is assumed. The tests run at the process's <c>Vector&lt;float&gt;</c> width;
    /// CI runs them again at 512 and 128 bits and with no SIMD (.ci/run).
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class HalfVectorsTests
    {
        [Fact]
        public void Load_widens_every_half_exactly_as_the_cast()
        {
            var halves = new Half[65536 + 1];
            for (int bits = 0; bits < 65536; bits++)
            {
                halves[bits + 1] = BitConverter.UInt16BitsToHalf((ushort)bits);
            }

            int lanes = Vector<float>.Count;
            int checkedCount = 0;
            foreach (int offset in new[] { 0, 1 })
            {
                for (int start = offset; start + lanes <= halves.Length; start += lanes)
                {
                    var widened = HalfVectors.Load(ref halves[0], (nuint)start);
                    for (int k = 0; k < lanes; k++)
                    {
                        int expected = BitConverter.SingleToInt32Bits((float)halves[start + k]);
                        int actual = BitConverter.SingleToInt32Bits(widened[k]);
                        if (expected != actual)
                        {
                            Assert.Fail($"half 0x{BitConverter.HalfToUInt16Bits(halves[start + k]):X4}: cast gives 0x{expected:X8}, Load gives 0x{actual:X8}");
                        }

                        checkedCount++;
                    }
                }
            }

            Assert.True(checkedCount >= 2 * 65536 - 2 * lanes, $"only {checkedCount} halves checked");
        }

        [Fact]
        public void Store_narrows_a_dense_sweep_exactly_as_the_cast()
        {
            var floats = new List<float>();
            for (int bits = 0; bits < 0x7C00; bits++)
            {
                float value = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
                float next = (float)BitConverter.UInt16BitsToHalf((ushort)(bits + 1));
                float tie = (value + next) / 2;   // exact: a half's neighbours differ in few enough bits
                foreach (float f in new[] { value, tie, MathF.BitDecrement(tie), MathF.BitIncrement(tie), MathF.BitIncrement(value), MathF.BitDecrement(next) })
                {
                    floats.Add(f);
                    floats.Add(-f);
                }
            }

            // The overflow boundary: 65504 is the largest half; 65520 is the tie between it and 65536, which rounds to Inf.
            floats.AddRange(new[] { 65504f, 65519.996f, 65520f, 65520.004f, 65536f, 1e6f, float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, -65520f, -65519.996f });
            // Floats below the smallest half subnormal (2^-24): ties at 2^-25, and far below.
            floats.AddRange(new[] { MathF.Pow(2, -25), MathF.BitIncrement(MathF.Pow(2, -25)), MathF.BitDecrement(MathF.Pow(2, -25)), 1e-30f, float.Epsilon, -float.Epsilon, 0f, -0f });
            // NaNs: quiet, signalling, with payloads, both signs.
            foreach (uint nan in new uint[] { 0x7FC00000, 0x7F800001, 0x7FBFFFFF, 0x7FFFFFFF, 0x7F802000, 0x7FC01FFF, 0xFFC00000, 0xFF800001, 0xFFFFFFFF })
            {
                floats.Add(BitConverter.UInt32BitsToSingle(nan));
            }

            // Every float near the boundaries, both signs (the bit patterns either side of Inf's are the NaNs with the
            // smallest payloads).
            foreach (float boundary in BoundaryMagnitudes)
            {
                long centre = BitConverter.SingleToInt32Bits(boundary);
                for (long bits = Math.Max(centre - 4096, 0); bits <= Math.Min(centre + 4096, int.MaxValue); bits++)
                {
                    floats.Add(BitConverter.Int32BitsToSingle((int)bits));
                    floats.Add(BitConverter.Int32BitsToSingle((int)bits | int.MinValue));
                }
            }

            // A stride through every float bit pattern (a prime stride, so every exponent and many mantissas are hit).
            for (ulong bits = 0; bits <= uint.MaxValue; bits += 4099)
            {
                floats.Add(BitConverter.UInt32BitsToSingle((uint)bits));
            }

            var random = new Random(20261205);
            for (int i = 0; i < 4_000_000; i++)
            {
                floats.Add(BitConverter.UInt32BitsToSingle((uint)random.NextInt64(1L << 32)));
            }

            var source = floats.ToArray();
            int lanes = Vector<float>.Count;
            var narrowed = new Half[source.Length + lanes + 1];
            foreach (int offset in new[] { 0, 1 })
            {
                int start = 0;
                for (; start + lanes <= source.Length; start += lanes)
                {
                    HalfVectors.Store(new Vector<float>(source, start), ref narrowed[0], (nuint)(start + offset));
                }

                for (int i = 0; i < start; i++)
                {
                    ushort expected = BitConverter.HalfToUInt16Bits((Half)source[i]);
                    ushort actual = BitConverter.HalfToUInt16Bits(narrowed[i + offset]);
                    if (expected != actual)
                    {
                        Assert.Fail($"float 0x{BitConverter.SingleToUInt32Bits(source[i]):X8} ({source[i]:R}): cast gives 0x{expected:X4}, Store gives 0x{actual:X4}");
                    }
                }

                Assert.True(start > 5_000_000, $"only {start} floats narrowed");
            }
        }

        /// <summary>Magnitudes where the half rounding changes behaviour, and where the narrowing's addend 2^(e + 13)
        /// becomes Inf (e = 115) or wraps past it.</summary>
        private static readonly float[] BoundaryMagnitudes =
        [
            0f,
            MathF.Pow(2, -25), MathF.Pow(2, -24), 3 * MathF.Pow(2, -25),
            MathF.Pow(2, -14) - MathF.Pow(2, -24), MathF.Pow(2, -14) - MathF.Pow(2, -25), MathF.Pow(2, -14),
            1f, 2048f, 32768f, 65504f, 65520f, 65536f,
            MathF.Pow(2, 114), MathF.Pow(2, 115), MathF.Pow(2, 116),
            float.MaxValue, float.PositiveInfinity,
            BitConverter.Int32BitsToSingle(0x7FC0_0000), BitConverter.Int32BitsToSingle(int.MaxValue),
        ];

        [Fact]
        public void Store_writes_only_its_own_lanes()
        {
            int lanes = Vector<float>.Count;
            var destination = new Half[lanes + 2];
            destination.AsSpan().Fill((Half)7);
            HalfVectors.Store(new Vector<float>(1.5f), ref destination[0], 1);
            Assert.Equal((Half)7, destination[0]);
            Assert.Equal((Half)7, destination[lanes + 1]);
            for (int k = 1; k <= lanes; k++)
            {
                Assert.Equal((Half)1.5f, destination[k]);
            }
        }
    }
}
