using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using NormGen.Transforms.Tests.Sharing;

namespace NormGen.Transforms.Tests.Fuzzing
{
    /// <summary>
    /// Random calls on the scalers and weight normalisations: shapes with zero, negative and huge extents (products past
    /// int.MaxValue), wrong ranks, span lengths off by a little, values with NaN and ±Inf, resets between calls. A call
    /// either succeeds or throws <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/> with its
    /// output and every array and count of the instance bitwise as before.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class TransformCallFuzzTests
    {
        private const int Calls = 150;

        public static TheoryData<string> Scalers => [.. SharedTransformTests.ScalerShapes.Keys];

        public static TheoryData<string> Weights => [.. SharedTransformTests.WeightNames];

        [Theory]
        [MemberData(nameof(Scalers))]
        public void Random_scaler_calls_throw_only_argument_or_invalid_operation_exceptions_and_never_write_partially(string name)
        {
            var (create, shapeOf) = SharedTransformTests.ScalerShapes[name];
            switch (create())
            {
                case IInputScaler<double> doubles:
                    FuzzScaler(name, doubles, shapeOf);
                    break;
                case IInputScaler<float> floats:
                    FuzzScaler(name, floats, shapeOf);
                    break;
                default:
                    throw new InvalidOperationException(name);
            }
        }

        [Theory]
        [MemberData(nameof(Weights))]
        public void Random_weight_normalisation_calls_throw_only_argument_exceptions_and_never_write_partially(string name)
        {
            switch (Activator.CreateInstance(typeof(TransformCallFuzzTests).Assembly.GetTypes().Single(t => t.Name == name)))
            {
                case IWeightNormalization<double> doubles:
                    FuzzWeight(name, doubles);
                    break;
                case IWeightNormalization<float> floats:
                    FuzzWeight(name, floats);
                    break;
                default:
                    throw new InvalidOperationException(name);
            }
        }

        private static void FuzzScaler<T>(string name, IInputScaler<T> scaler, Func<int, int[]> shapeOf)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var random = new Random(name.Length * 7919);
            for (int call = 0; call < Calls; call++)
            {
                int[] valid = shapeOf(random.Next(3));
                int count = valid.Aggregate(1, (a, b) => a * b);
                int[] shape = random.Next(3) == 0 ? Corrupt(valid, random) : valid;
                T[] input = Values<T>(Length(count, random), random);
                T[] output = Enumerable.Repeat(T.CreateTruncating(1234.5), Length(count, random)).ToArray();
                int step = random.Next(10);
                string what = $"{name} call {call} (step {step}, shape [{string.Join(", ", shape)}], lengths {input.Length}/{output.Length} of {count})";
                Act(what, scaler, output, () =>
                {
                    switch (step)
                    {
                        case < 4:
                            scaler.Fit(input, shape);
                            break;
                        case < 7:
                            scaler.Transform(input, output, shape);
                            break;
                        case < 9:
                            scaler.InverseTransform(input, output, shape);
                            break;
                        default:
                            scaler.Reset();
                            break;
                    }
                });
            }
        }

        private static void FuzzWeight<T>(string name, IWeightNormalization<T> parametrisation)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var random = new Random(name.Length * 104_729);
            int count = parametrisation.V.Length;
            for (int call = 0; call < Calls; call++)
            {
                T[] values = Values<T>(Length(count, random), random);
                T[] output = Enumerable.Repeat(T.CreateTruncating(1234.5), Length(count, random)).ToArray();
                int step = random.Next(4);
                string what = $"{name} call {call} (step {step}, lengths {values.Length}/{output.Length} of {count})";
                Act(what, parametrisation, output, () =>
                {
                    switch (step)
                    {
                        case 0:
                            parametrisation.InitializeFrom(values);
                            break;
                        case 1:
                            parametrisation.ComputeWeight(output);
                            break;
                        case 2:
                            parametrisation.Backward(values);
                            break;
                        default:
                            parametrisation.ZeroGrad();
                            break;
                    }
                });
            }
        }

        /// <summary>Runs <paramref name="call"/>; if it throws, the exception must be an argument or invalid-operation
        /// exception and <paramref name="output"/> and every array and count of <paramref name="instance"/> unchanged.</summary>
        private static void Act<T>(string what, object instance, T[] output, Action call)
            where T : unmanaged
        {
            var before = State(instance, output);
            try
            {
                call();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                var after = State(instance, output);
                for (int i = 0; i < before.Count; i++)
                {
                    Assert.True(before[i].Bytes.SequenceEqual(after[i].Bytes), $"{what} threw {exception.GetType().Name} and changed {before[i].Name}.");
                }
            }
            catch (Exception exception)
            {
                Assert.Fail($"{what} threw {exception.GetType().Name}: {exception.Message}");
            }
        }

        /// <summary>The bytes of the output and of every public array and long property of the instance.</summary>
        private static List<(string Name, byte[] Bytes)> State<T>(object instance, T[] output)
            where T : unmanaged
        {
            var parts = new List<(string, byte[])> { ("output", MemoryMarshal.AsBytes(output.AsSpan()).ToArray()) };
            foreach (var property in instance.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && !p.PropertyType.IsByRefLike).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                switch (property.GetValue(instance))
                {
                    case T[] array:
                        parts.Add((property.Name, MemoryMarshal.AsBytes(array.AsSpan()).ToArray()));
                        break;
                    case long value:
                        parts.Add((property.Name, BitConverter.GetBytes(value)));
                        break;
                }
            }

            return parts;
        }

        private static int Length(int count, Random random) => random.Next(4) == 0 ? Math.Max(0, count + random.Next(-2, 3)) : count;

        private static int[] Corrupt(int[] valid, Random random)
        {
            int[] shape = (int[])valid.Clone();
            switch (random.Next(4))
            {
                case 0:
                    return shape[..^1];
                case 1:
                    return [.. shape, 1 + random.Next(3)];
                case 2:
                    shape[random.Next(shape.Length)] = int.MaxValue / 2;
                    shape[random.Next(shape.Length)] = 1 << 20;
                    return shape;
                default:
                    shape[random.Next(shape.Length)] = new[] { 0, -1, -9, int.MinValue, int.MaxValue, 46_341 }[random.Next(6)];
                    return shape;
            }
        }

        /// <summary>Values in ±5, with a NaN, +Inf or -Inf at a random place in one array of four.</summary>
        private static T[] Values<T>(int length, Random random)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var values = new T[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = T.CreateTruncating((random.NextDouble() * 10) - 5);
            }

            if (length > 0 && random.Next(4) == 0)
            {
                values[random.Next(length)] = random.Next(3) switch { 0 => T.NaN, 1 => T.PositiveInfinity, _ => T.NegativeInfinity };
            }

            return values;
        }
    }
}
