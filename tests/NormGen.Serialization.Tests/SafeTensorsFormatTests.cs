using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    public class SafeTensorsFormatTests
    {
        private static StateDict EveryDType()
        {
            var state = new StateDict();
            state.Metadata["format"] = "pt";
            state.Add("a.f32", StateTensor.FromSingle(new[] { 1.5f, -2.25f, float.NaN, float.PositiveInfinity, 3e-39f, 7f }, 2, 3));
            state.Add("a.f64", StateTensor.FromDouble(new[] { 0.1, -1e300 }, 2));
            state.Add("a.count", StateTensor.Scalar(long.MaxValue));
            state.Add("b.f16", StateTensor.FromBytes(TensorDType.F16, HalfBytes(0.5f, -65504f, 6.1035156e-05f), 3));
            state.Add("b.bf16", StateTensor.FromBytes(TensorDType.BF16, new byte[] { 0x80, 0x3F, 0x40, 0xC0 }, 2));
            state.Add("b.i32", StateTensor.FromBytes(TensorDType.I32, new byte[] { 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF }, 2, 1));
            state.Add("b.u8", StateTensor.FromBytes(TensorDType.U8, new byte[] { 255 }, 1));
            state.Add("b.bool", StateTensor.FromBytes(TensorDType.BOOL, new byte[] { 1, 0 }, 2));
            state.Add("b.empty", StateTensor.FromSingle(ReadOnlySpan<float>.Empty, 0, 3));
            return state;
        }

        private static byte[] HalfBytes(params float[] values)
        {
            var bytes = new byte[values.Length * 2];
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2), (Half)values[i]);
            return bytes;
        }

        private static void AssertSame(StateDict expected, StateDict actual)
        {
            Assert.Equal(expected.Keys, actual.Keys);
            Assert.Equal(expected.Metadata.OrderBy(p => p.Key), actual.Metadata.OrderBy(p => p.Key));
            foreach (string key in expected.Keys)
            {
                Assert.Equal(expected[key].DType, actual[key].DType);
                Assert.Equal(expected[key].Shape.ToArray(), actual[key].Shape.ToArray());
                Assert.Equal(expected[key].Data.ToArray(), actual[key].Data.ToArray());
            }
        }

        [Fact]
        public void Every_dtype_shape_and_the_metadata_survive_a_round_trip_in_memory()
        {
            StateDict state = EveryDType();
            AssertSame(state, SafeTensors.Load(TestData.ToBytes(state)));
        }

        [Fact]
        public void A_file_saved_to_disk_opens_memory_mapped_with_the_same_tensors()
        {
            StateDict state = EveryDType();
            string path = TestData.TempFile("every.safetensors");
            SafeTensors.Save(state, path);
            using (SafeTensorsFile file = SafeTensors.Open(path))
            {
                AssertSame(state, file.Tensors);
                Assert.Equal(new[] { 1.5f, -2.25f }, file.Tensors["a.f32"].ToSingleArray().Take(2));
            }

            using FileStream stream = File.OpenRead(path);
            AssertSame(state, SafeTensors.Load(stream));
        }

        [Fact]
        public void A_stream_that_cannot_seek_is_read_to_its_end()
        {
            StateDict state = EveryDType();
            byte[] file = TestData.ToBytes(state);
            AssertSame(state, SafeTensors.Load(new ForwardOnlyStream(file)));
            Assert.Throws<StateDictException>(() => SafeTensors.Load(new ForwardOnlyStream(file.AsSpan(0, file.Length - 1).ToArray())));
        }

        [Fact]
        public void A_tensor_of_a_disposed_file_is_no_longer_read()
        {
            string path = TestData.TempFile("disposed.safetensors");
            SafeTensors.Save(EveryDType(), path);
            StateTensor tensor;
            using (SafeTensorsFile file = SafeTensors.Open(path)) tensor = file.Tensors["a.f64"];
            Assert.Throws<ObjectDisposedException>(() => tensor.ToDoubleArray());
        }

        [Fact]
        public void The_written_bytes_follow_the_format()
        {
            var state = new StateDict();
            state.Add("w", StateTensor.FromSingle(new[] { 1f, 2f }, 2));
            state.Add("n", StateTensor.Scalar(7));
            byte[] file = TestData.ToBytes(state);

            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
            Assert.Equal(0UL, headerLength % 8);
            Assert.Equal(8 + (long)headerLength + 8 + 8, file.Length);
            string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
            using JsonDocument json = JsonDocument.Parse(header);
            JsonElement w = json.RootElement.GetProperty("w");
            Assert.Equal("F32", w.GetProperty("dtype").GetString());
            Assert.Equal(new[] { 2 }, w.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(new[] { 0, 8 }, w.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
            JsonElement n = json.RootElement.GetProperty("n");
            Assert.Equal("I64", n.GetProperty("dtype").GetString());
            Assert.Equal(0, n.GetProperty("shape").GetArrayLength());
            Assert.Equal(new[] { 8, 16 }, n.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
            int data = 8 + (int)headerLength;
            Assert.Equal(1f, BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(data)));
            Assert.Equal(2f, BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(data + 4)));
            Assert.Equal(7L, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(data + 8)));
        }

        [Fact]
        public void Half_bfloat16_and_integers_convert_exactly()
        {
            StateDict state = SafeTensors.Load(TestData.ToBytes(EveryDType()));
            Assert.Equal(new[] { 0.5f, -65504f, 6.1035156e-05f }, state["b.f16"].ToSingleArray());
            Assert.Equal(new[] { 1.0, -3.0 }, state["b.bf16"].ToDoubleArray());
            Assert.Equal(new[] { 1L, -1L }, state["b.i32"].ToInt64Array());
            Assert.Equal(new[] { 255f }, state["b.u8"].ToSingleArray());
            Assert.Equal(new[] { 1.0, 0.0 }, state["b.bool"].ToDoubleArray());
            Assert.Equal(new[] { long.MaxValue }, state["a.count"].ToInt64Array());
            Assert.Equal(new[] { 0.1, -1e300 }, state["a.f64"].ToDoubleArray());
            Assert.Empty(state["b.empty"].ToSingleArray());
            float[] singles = state["a.f32"].ToSingleArray();
            Assert.True(float.IsNaN(singles[2]));
            Assert.Equal(float.PositiveInfinity, singles[3]);
            Assert.Equal(3e-39f, singles[4]);
        }

        [Theory]
        [InlineData(0.1)]
        [InlineData(1e300)]
        [InlineData(1.0000000000000002)]
        public void A_double_that_is_not_a_float_is_not_narrowed(double value)
        {
            StateTensor tensor = StateTensor.FromDouble(new[] { 0.5, value }, 2);
            var e = Assert.Throws<StateDictException>(() => tensor.ToSingleArray());
            Assert.Contains("index 1", e.Message);
            Assert.Contains("not exactly representable as float", e.Message);
        }

        [Fact]
        public void Doubles_that_are_floats_narrow()
        {
            Assert.Equal(new[] { 0.5f, -3.25f, float.NegativeInfinity }, StateTensor.FromDouble(new[] { 0.5, -3.25, double.NegativeInfinity }, 3).ToSingleArray());
        }

        [Theory]
        [InlineData(16777217L, false, true)]
        [InlineData(9007199254740993L, true, true)]
        [InlineData(16777216L, false, false)]
        public void Large_integers_convert_only_when_exact(long value, bool intoDouble, bool throws)
        {
            StateTensor tensor = StateTensor.FromInt64(new[] { value }, 1);
            Action convert = intoDouble ? () => tensor.ToDoubleArray() : () => tensor.ToSingleArray();
            if (throws) Assert.Throws<StateDictException>(convert);
            else Assert.Equal(new[] { (float)value }, tensor.ToSingleArray());
        }

        [Fact]
        public void Floating_point_values_become_integers_only_when_whole_and_in_range()
        {
            Assert.Equal(new[] { 3L, -4L }, StateTensor.FromSingle(new[] { 3f, -4f }, 2).ToInt64Array());
            Assert.Throws<StateDictException>(() => StateTensor.FromSingle(new[] { 2.5f }, 1).ToInt64Array());
            Assert.Throws<StateDictException>(() => StateTensor.FromDouble(new[] { 9.3e18 }, 1).ToInt64Array());
            Assert.Throws<StateDictException>(() => StateTensor.FromSingle(new[] { float.NaN }, 1).ToInt64Array());
            Assert.Throws<StateDictException>(() => StateTensor.FromBytes(TensorDType.U64, BitConverter.GetBytes(ulong.MaxValue), 1).ToInt64Array());
            Assert.Throws<StateDictException>(() => StateTensor.FromBytes(TensorDType.BOOL, new byte[] { 2 }, 1).ToInt64Array());
            Assert.Throws<StateDictException>(() => StateTensor.FromBytes(TensorDType.F8_E4M3, new byte[] { 2 }, 1).ToSingleArray());
        }

        [Fact]
        public void Tensors_are_built_only_from_values_that_fill_their_shape()
        {
            Assert.Throws<ArgumentException>(() => StateTensor.FromSingle(new[] { 1f, 2f, 3f }, 2, 2));
            Assert.Throws<ArgumentException>(() => StateTensor.FromSingle(new[] { 1f }, -1));
            Assert.Throws<ArgumentException>(() => StateTensor.FromBytes(TensorDType.F32, new byte[3], 1));
            Assert.Throws<ArgumentException>(() => new StateDict().Add("__metadata__", StateTensor.Scalar(1)));
            var state = new StateDict { { "x", StateTensor.Scalar(1) } };
            Assert.Throws<ArgumentException>(() => state.Add("x", StateTensor.Scalar(2)));
        }

        /// <summary>A network-like stream: no length, no seeking.</summary>
        private sealed class ForwardOnlyStream : MemoryStream
        {
            public ForwardOnlyStream(byte[] data)
                : base(data, writable: false)
            {
            }

            public override bool CanSeek => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }
        }
    }
}
