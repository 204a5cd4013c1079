using System;
using System.Linq;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    public class LayerStateTests
    {
        private static readonly int[] ImageShape = { 3, 4, 5, 5 };

        private static BatchNorm2d TrainedBatchNorm(int seed)
        {
            var layer = new BatchNorm2d(4);
            TestData.Train(layer, ImageShape, seed);
            return layer;
        }

        [Fact]
        public void BatchNorm_writes_PyTorch_names_and_shapes_under_the_prefix()
        {
            BatchNorm2d layer = TrainedBatchNorm(1);
            StateDict state = layer.ToStateDict("features.1");

            Assert.Equal(new[] { "features.1.weight", "features.1.bias", "features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked" }, state.Keys);
            Assert.Equal(new long[] { 4 }, state["features.1.weight"].Shape.ToArray());
            Assert.Equal(TensorDType.F32, state["features.1.running_var"].DType);
            Assert.Equal(TensorDType.I64, state["features.1.num_batches_tracked"].DType);
            Assert.Empty(state["features.1.num_batches_tracked"].Shape.ToArray());
            Assert.Equal(new[] { 3L }, state["features.1.num_batches_tracked"].ToInt64Array());
            Assert.Equal(layer.RunningVar, state["features.1.running_var"].ToSingleArray());
            Assert.Equal(layer.Weight, state["features.1.weight"].ToSingleArray());
        }

        [Fact]
        public void A_BatchNorm_saved_to_a_file_and_loaded_into_a_new_layer_computes_the_same_outputs() =>
            TestData.AssertFileRoundTrip(TrainedBatchNorm(2), new BatchNorm2d(4), ImageShape, "bn", loadPrefix: "bn.");

        [Fact]
        public void An_element_wise_LayerNorm_keeps_its_parameter_shape()
        {
            var layer = new PlaneLayerNorm(3, 2, 4);
            TestData.Train(layer, new[] { 2, 3, 2, 4 }, 3);
            StateDict state = layer.ToStateDict();
            Assert.Equal(new[] { "weight", "bias" }, state.Keys);
            Assert.Equal(new long[] { 3, 2, 4 }, state["bias"].Shape.ToArray());

            var loaded = new PlaneLayerNorm(3, 2, 4);
            loaded.LoadStateDict(SafeTensors.Load(TestData.ToBytes(state)));
            Assert.Equal(TestData.Snapshot(layer), TestData.Snapshot(loaded));
        }

        /// <summary>nn.RMSNorm's state_dict has a weight alone; a bias in the file is a key the layer does not use.</summary>
        [Fact]
        public void RMSNorm_writes_and_loads_its_weight_alone()
        {
            var layer = new SequenceRmsNorm(6);
            TestData.Train(layer, new[] { 2, 3, 6 }, 5);
            StateDict state = layer.ToStateDict("norm");
            Assert.Equal(new[] { "norm.weight" }, state.Keys);
            Assert.Equal(new long[] { 6 }, state["norm.weight"].Shape.ToArray());

            var loaded = new SequenceRmsNorm(6);
            loaded.LoadStateDict(SafeTensors.Load(TestData.ToBytes(state)), "norm");
            Assert.Equal(TestData.Snapshot(layer), TestData.Snapshot(loaded));

            var withBias = layer.ToStateDict("norm");
            withBias.Add("norm.bias", StateTensor.FromSingle(new float[6], 6));
            var untouched = new SequenceRmsNorm(6);
            var error = Assert.Throws<StateDictException>(() => untouched.LoadStateDict(withBias, "norm"));
            Assert.Equal("norm.bias", error.TensorName);
            Assert.All(untouched.Weight, w => Assert.Equal(1f, w));
        }

        [Fact]
        public void GroupNorm_and_InstanceNorm_write_only_the_state_they_have()
        {
            Assert.Equal(new[] { "gn.weight", "gn.bias" }, new GroupNorm2(6).ToStateDict("gn").Keys);
            Assert.Empty(new InstanceNorm2d(3).ToStateDict("in").Keys);
            var tracked = new TrackedInstanceNorm2d(3);
            TestData.Train(tracked, new[] { 2, 3, 4, 4 }, 4);
            StateDict state = tracked.ToStateDict("in");
            Assert.Equal(new[] { "in.running_mean", "in.running_var", "in.num_batches_tracked" }, state.Keys);

            var loaded = new TrackedInstanceNorm2d(3);
            loaded.LoadStateDict(state, "in");
            Assert.Equal(TestData.Snapshot(tracked), TestData.Snapshot(loaded));
        }

        [Fact]
        public void A_double_layer_loads_a_float_file_exactly_and_a_float_layer_loads_doubles_that_are_floats()
        {
            BatchNorm2d single = TrainedBatchNorm(5);
            var wide = new BatchNorm2dDouble(4);
            wide.LoadStateDict(single.ToStateDict());
            Assert.Equal(TestData.Snapshot(single), TestData.Snapshot(wide));

            var back = new BatchNorm2d(4);
            back.LoadStateDict(wide.ToStateDict());
            Assert.Equal(TestData.Snapshot(single), TestData.Snapshot(back));
            Assert.Equal(TensorDType.F64, wide.ToStateDict()["weight"].DType);
        }

        [Fact]
        public void Keys_outside_the_prefix_are_left_to_other_layers()
        {
            StateDict state = TrainedBatchNorm(6).ToStateDict("block.bn1");
            new GroupNorm2(6).SaveStateDict(state, "block.gn");
            state.Add("block.conv.weight", StateTensor.FromSingle(new float[8], 2, 4));

            var bn = new BatchNorm2d(4);
            bn.LoadStateDict(state, "block.bn1");
            Assert.Equal(state["block.bn1.running_mean"].ToSingleArray(), bn.RunningMean);
        }

        [Fact]
        public void Every_failure_names_the_tensor_and_leaves_the_layer_unchanged()
        {
            StateDict good = TrainedBatchNorm(7).ToStateDict("bn");
            BatchNorm2d target = TrainedBatchNorm(8);
            var before = TestData.Snapshot(target);

            void Fails(string key, string problem, Action<StateDict> spoil, bool strict = true)
            {
                var state = new StateDict();
                foreach (var item in good) state.Add(item.Key, item.Value);
                spoil(state);
                var e = Assert.Throws<StateDictException>(() => target.LoadStateDict(state, "bn", strict));
                Assert.Equal(key, e.TensorName);
                Assert.Contains(key, e.Message);
                Assert.Contains(problem, e.Message);
                Assert.Equal(before, TestData.Snapshot(target));
            }

            Fails("bn.running_var", "missing", s => s.Remove("bn.running_var"));
            Fails("bn.num_batches_tracked", "missing", s => s.Remove("bn.num_batches_tracked"));
            Fails("bn.bias", "has shape [5]", s => s["bn.bias"] = StateTensor.FromSingle(new float[5], 5));
            Fails("bn.weight", "has shape [4, 1]", s => s["bn.weight"] = StateTensor.FromSingle(new float[4], 4, 1));
            Fails("bn.num_batches_tracked", "has shape [1]", s => s["bn.num_batches_tracked"] = StateTensor.FromInt64(new[] { 3L }, 1));
            Fails("bn.num_batches_tracked", "never negative", s => s["bn.num_batches_tracked"] = StateTensor.Scalar(-1));
            Fails("bn.running_mean", "not exactly representable", s => s["bn.running_mean"] = StateTensor.FromDouble(new[] { 0.0, 0.1, 0, 0 }, 4));
            Fails("bn.running_mean", "not converted", s => s["bn.running_mean"] = StateTensor.FromBytes(TensorDType.F8_E5M2, new byte[4], 4));
            Fails("bn.num_batches_tracked", "not exactly representable as long", s => s["bn.num_batches_tracked"] = StateTensor.FromSingle(new[] { 0.5f }));
            Fails("bn.extra", "not part of this object's state", s => s.Add("bn.extra", StateTensor.Scalar(0)));
        }

        [Fact]
        public void Unexpected_keys_are_ignored_when_not_strict()
        {
            StateDict state = TrainedBatchNorm(9).ToStateDict("bn");
            state.Add("bn.extra", StateTensor.Scalar(0));
            var layer = new BatchNorm2d(4);
            layer.LoadStateDict(state, "bn", strict: false);
            Assert.Equal(state["bn.bias"].ToSingleArray(), layer.Bias);
            Assert.Equal(3, layer.NumBatchesTracked);
        }

        [Fact]
        public void Missing_keys_fail_even_when_not_strict()
        {
            StateDict state = TrainedBatchNorm(10).ToStateDict();
            state.Remove("weight");
            Assert.Throws<StateDictException>(() => new BatchNorm2d(4).LoadStateDict(state, strict: false));
        }
    }
}
