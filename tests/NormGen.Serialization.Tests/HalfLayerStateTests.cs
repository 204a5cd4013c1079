using System;
using System.Linq;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    /// <summary>A <c>[Normalize&lt;Half&gt;]</c> layer's state: float parameters and running statistics, in PyTorch's names.</summary>
    public class HalfLayerStateTests
    {
        private static readonly int[] ImageShape = { 3, 4, 5, 5 };

        private static BatchNorm2dHalf Trained(int seed)
        {
            var layer = new BatchNorm2dHalf(4);
            TestData.Train(layer, ImageShape, seed);
            return layer;
        }

        [Fact]
        public void A_Half_BatchNorm_writes_its_float_state_in_PyTorch_names()
        {
            BatchNorm2dHalf layer = Trained(1);
            StateDict state = layer.ToStateDict("bn");

            Assert.Equal(new[] { "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var", "bn.num_batches_tracked" }, state.Keys);
            Assert.Equal(TensorDType.F32, state["bn.weight"].DType);
            Assert.Equal(layer.Weight, state["bn.weight"].ToSingleArray());
            Assert.Equal(layer.RunningVar, state["bn.running_var"].ToSingleArray());
            Assert.Equal(new[] { 3L }, state["bn.num_batches_tracked"].ToInt64Array());
        }

        [Fact]
        public void A_Half_BatchNorm_saved_to_a_file_and_loaded_computes_the_same_outputs() =>
            TestData.AssertFileRoundTrip(Trained(2), new BatchNorm2dHalf(4), ImageShape, "bn");

        [Fact]
        public void A_half_precision_modules_F16_tensors_load_into_a_Half_layer_exactly()
        {
            Half[] weight = { (Half)0.5f, (Half)1.25f, (Half)(-2f), (Half)3.0e-5f };
            Half[] bias = { (Half)0.1f, (Half)(-0.2f), (Half)0.3f, (Half)65504f };
            Half[] mean = { (Half)0.01f, (Half)(-1f), (Half)2f, (Half)0f };
            Half[] variance = { (Half)1f, (Half)0.5f, (Half)4f, (Half)6.1e-5f };
            var state = new StateDict
            {
                ["weight"] = F16(weight),
                ["bias"] = F16(bias),
                ["running_mean"] = F16(mean),
                ["running_var"] = F16(variance),
                ["num_batches_tracked"] = StateTensor.Scalar(7),
            };

            var layer = new BatchNorm2dHalf(4);
            layer.LoadStateDict(state);

            Assert.Equal(weight.Select(v => (float)v), layer.Weight!);
            Assert.Equal(bias.Select(v => (float)v), layer.Bias!);
            Assert.Equal(mean.Select(v => (float)v), layer.RunningMean!);
            Assert.Equal(variance.Select(v => (float)v), layer.RunningVar!);
            Assert.Equal(7, layer.NumBatchesTracked);
        }

        [Fact]
        public void A_wrong_shape_leaves_the_Half_layer_unchanged()
        {
            BatchNorm2dHalf layer = Trained(3);
            var before = TestData.Snapshot(layer);
            StateDict state = Trained(4).ToStateDict();
            state["running_var"] = StateTensor.FromSingle(new float[5], 5);

            var error = Assert.Throws<StateDictException>(() => layer.LoadStateDict(state));

            Assert.Contains("running_var", error.Message);
            Assert.Equal(before, TestData.Snapshot(layer));
        }

        private static StateTensor F16(Half[] values)
        {
            var bytes = new byte[values.Length * 2];
            for (int i = 0; i < values.Length; i++)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), BitConverter.HalfToInt16Bits(values[i]));
            }

            return StateTensor.FromBytes(TensorDType.F16, bytes, values.Length);
        }
    }
}
