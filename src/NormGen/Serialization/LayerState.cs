using System;

namespace NormGen.Serialization
{
    /// <summary>
    /// A normalisation layer's state in PyTorch's names, as <c>module.state_dict()</c> and
    /// <c>module.load_state_dict()</c>: <c>weight</c> and <c>bias</c> (when affine, in <see cref="INormalizationLayer{TTensor, TParameter}.ParameterShape"/>),
    /// <c>running_mean</c> and <c>running_var</c> (one per statistic) and <c>num_batches_tracked</c> (an int64 scalar)
    /// when the layer keeps running statistics. The tensors are in the parameter type (float for a
    /// <c>[Normalize&lt;Half&gt;]</c> layer, whose parameters and running statistics are float); loading accepts any dtype
    /// whose values the parameter type holds exactly (a half-precision PyTorch module's F16 tensors into a Half layer).
    /// </summary>
    public static class LayerState
    {
        private const string Weight = "weight";
        private const string Bias = "bias";
        private const string RunningMean = "running_mean";
        private const string RunningVar = "running_var";
        private const string NumBatchesTracked = "num_batches_tracked";

        /// <summary>Writes the layer's state into <paramref name="state"/> under <paramref name="prefix"/>
        /// (<c>"layer1.bn"</c> writes <c>"layer1.bn.weight"</c>, ...), replacing tensors of the same names.</summary>
        public static void SaveStateDict<TTensor, T>(this INormalizationLayer<TTensor, T> layer, StateDict state, string prefix = "")
            where TTensor : unmanaged
            where T : unmanaged
        {
            if (layer is null) throw new ArgumentNullException(nameof(layer));
            var writer = new StateWriter(state, prefix);
            if (layer.Weight is not null) writer.Write<T>(Weight, layer.Weight, layer.ParameterShape);
            if (layer.Bias is not null) writer.Write<T>(Bias, layer.Bias, layer.ParameterShape);
            if (layer.RunningMean is not null && layer.RunningVar is not null)
            {
                writer.Write<T>(RunningMean, layer.RunningMean, new[] { layer.RunningMean.Length });
                writer.Write<T>(RunningVar, layer.RunningVar, new[] { layer.RunningVar.Length });
                writer.WriteCount(NumBatchesTracked, layer.NumBatchesTracked);
            }
        }

        /// <summary>The layer's state in a new state dict, under <paramref name="prefix"/>.</summary>
        public static StateDict ToStateDict<TTensor, T>(this INormalizationLayer<TTensor, T> layer, string prefix = "")
            where TTensor : unmanaged
            where T : unmanaged
        {
            var state = new StateDict();
            layer.SaveStateDict(state, prefix);
            return state;
        }

        /// <summary>
        /// Reads the layer's state from <paramref name="state"/> under <paramref name="prefix"/>. Every tensor is checked
        /// (present, of the layer's shape, its values exactly representable in <typeparamref name="T"/>) before anything
        /// is written, so when this throws the layer is unchanged. With <paramref name="strict"/> (the default, as
        /// PyTorch) a key under the prefix that the layer does not use is an error; keys outside the prefix are ignored.
        /// </summary>
        /// <exception cref="StateDictException">A tensor is missing, unexpected, of the wrong shape, or not exactly representable.</exception>
        public static void LoadStateDict<TTensor, T>(this INormalizationLayer<TTensor, T> layer, StateDict state, string prefix = "", bool strict = true)
            where TTensor : unmanaged
            where T : unmanaged
        {
            if (layer is null) throw new ArgumentNullException(nameof(layer));
            var reader = new StateReader(state, prefix);
            T[]? weight = layer.Weight is null ? null : reader.Read<T>(Weight, layer.ParameterShape, "the layer's weight");
            T[]? bias = layer.Bias is null ? null : reader.Read<T>(Bias, layer.ParameterShape, "the layer's bias");
            bool running = layer.RunningMean is not null && layer.RunningVar is not null;
            T[]? runningMean = running ? reader.Read<T>(RunningMean, new[] { layer.RunningMean!.Length }, "the layer's running mean") : null;
            T[]? runningVar = running ? reader.Read<T>(RunningVar, new[] { layer.RunningVar!.Length }, "the layer's running variance") : null;
            long batches = running ? reader.ReadCount(NumBatchesTracked, "the number of batches tracked") : 0;
            reader.CheckUnexpected(strict);

            weight?.CopyTo(layer.Weight!, 0);
            bias?.CopyTo(layer.Bias!, 0);
            if (running)
            {
                runningMean!.CopyTo(layer.RunningMean!, 0);
                runningVar!.CopyTo(layer.RunningVar!, 0);
                layer.NumBatchesTracked = batches;
            }
        }
    }
}
