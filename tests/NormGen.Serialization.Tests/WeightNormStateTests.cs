using System.Linq;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    public class WeightNormStateTests
    {
        [Fact]
        public void G_keeps_the_weights_rank_with_extent_one_except_at_dim()
        {
            var linear = new LinearWeight();
            linear.InitializeFrom(TestData.Random(15, 1));
            StateDict state = new StateDict();
            linear.SaveStateDict(state, "fc");
            Assert.Equal(new[] { "fc.parametrizations.weight.original0", "fc.parametrizations.weight.original1" }, state.Keys);
            Assert.Equal(new long[] { 3, 1 }, state["fc.parametrizations.weight.original0"].Shape.ToArray());
            Assert.Equal(new long[] { 3, 5 }, state["fc.parametrizations.weight.original1"].Shape.ToArray());
            Assert.Equal(linear.G, state["fc.parametrizations.weight.original0"].ToSingleArray());

            var middle = new MiddleDimWeight();
            var middleState = new StateDict();
            middle.SaveStateDict(middleState, "", "weight_hh");
            Assert.Equal(new long[] { 1, 3, 1 }, middleState["parametrizations.weight_hh.original0"].Shape.ToArray());

            var whole = new WholeWeight();
            var wholeState = new StateDict();
            whole.SaveStateDict(wholeState);
            Assert.Empty(wholeState["parametrizations.weight.original0"].Shape.ToArray());
        }

        [Fact]
        public void A_loaded_weight_normalisation_computes_the_same_weight()
        {
            var saved = new MiddleDimWeight();
            saved.InitializeFrom(TestData.RandomDouble(24, 2));
            saved.G[1] *= 3;
            var state = new StateDict();
            saved.SaveStateDict(state, "rnn");

            var loaded = new MiddleDimWeight();
            loaded.LoadStateDict(SafeTensors.Load(TestData.ToBytes(state)), "rnn");
            var expected = new double[24];
            var actual = new double[24];
            saved.ComputeWeight(expected);
            loaded.ComputeWeight(actual);
            Assert.Equal(expected, actual);
            Assert.Equal(saved.V, loaded.V);
        }

        [Fact]
        public void The_older_weight_g_and_weight_v_names_load_too()
        {
            var state = new StateDict();
            state.Add("fc.weight_g", StateTensor.FromSingle(new[] { 1f, 2f, 3f }, 3, 1));
            state.Add("fc.weight_v", StateTensor.FromSingle(TestData.Random(15, 3), 3, 5));
            var weight = new LinearWeight();
            weight.LoadStateDict(state, "fc");
            Assert.Equal(new[] { 1f, 2f, 3f }, weight.G);
            Assert.Equal(state["fc.weight_v"].ToSingleArray(), weight.V);
        }

        [Fact]
        public void A_bad_tensor_leaves_g_and_v_unchanged()
        {
            var weight = new LinearWeight();
            weight.InitializeFrom(TestData.Random(15, 4));
            float[] g = weight.G.ToArray();
            float[] v = weight.V.ToArray();
            var state = new StateDict();
            state.Add("parametrizations.weight.original0", StateTensor.FromSingle(new[] { 1f, 2f, 3f }, 3, 1));
            state.Add("parametrizations.weight.original1", StateTensor.FromSingle(new float[15], 5, 3));

            var e = Assert.Throws<StateDictException>(() => weight.LoadStateDict(state));
            Assert.Equal("parametrizations.weight.original1", e.TensorName);
            Assert.Contains("[5, 3]", e.Message);
            Assert.Equal(g, weight.G);
            Assert.Equal(v, weight.V);

            state.Remove("parametrizations.weight.original1");
            e = Assert.Throws<StateDictException>(() => weight.LoadStateDict(state));
            Assert.Contains("missing", e.Message);
            Assert.Equal(g, weight.G);
        }
    }
}
