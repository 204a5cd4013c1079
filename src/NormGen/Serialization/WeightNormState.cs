using System;

namespace NormGen.Serialization
{
    /// <summary>
    /// A weight normalisation's state as <c>torch.nn.utils.parametrizations.weight_norm</c> keeps it:
    /// <c>parametrizations.weight.original0</c> is <c>g</c>, with the weight's rank and extent 1 in every dimension but
    /// <c>Dim</c> (a scalar, shape <c>[]</c>, for <c>Dim = -1</c>), and <c>parametrizations.weight.original1</c> is
    /// <c>v</c>, in the weight's shape. Loading also takes the older <c>torch.nn.utils.weight_norm</c> names
    /// <c>weight_g</c> and <c>weight_v</c>.
    /// </summary>
    public static class WeightNormState
    {
        /// <summary>Writes <c>g</c> and <c>v</c> under <paramref name="prefix"/> (the module's, for example <c>"fc"</c>) and
        /// <paramref name="parameterName"/> (the parametrised parameter, <c>"weight"</c> by default).</summary>
        public static void SaveStateDict<T>(this IWeightNormalization<T> weightNorm, StateDict state, string prefix = "", string parameterName = "weight")
            where T : unmanaged
        {
            if (weightNorm is null) throw new ArgumentNullException(nameof(weightNorm));
            var writer = new StateWriter(state, prefix);
            writer.Write<T>(Magnitude(parameterName), weightNorm.G, MagnitudeShape(weightNorm));
            writer.Write<T>(Direction(parameterName), weightNorm.V, weightNorm.Shape);
        }

        /// <summary>
        /// Reads <c>g</c> and <c>v</c>, both checked before either is written, so when this throws the object is unchanged.
        /// With <paramref name="strict"/>, any other key under the prefix is an error.
        /// </summary>
        /// <exception cref="StateDictException">A tensor is missing, unexpected, of the wrong shape, or not exactly representable.</exception>
        public static void LoadStateDict<T>(this IWeightNormalization<T> weightNorm, StateDict state, string prefix = "", bool strict = true, string parameterName = "weight")
            where T : unmanaged
        {
            if (weightNorm is null) throw new ArgumentNullException(nameof(weightNorm));
            if (parameterName is null) throw new ArgumentNullException(nameof(parameterName));
            var reader = new StateReader(state, prefix);
            bool legacy = !reader.Contains(Magnitude(parameterName)) && !reader.Contains(Direction(parameterName)) && reader.Contains(parameterName + "_g");
            string g = legacy ? parameterName + "_g" : Magnitude(parameterName);
            string v = legacy ? parameterName + "_v" : Direction(parameterName);
            T[] magnitude = reader.Read<T>(g, MagnitudeShape(weightNorm), "the magnitude g");
            T[] direction = reader.Read<T>(v, weightNorm.Shape, "the direction v");
            reader.CheckUnexpected(strict);

            magnitude.CopyTo(weightNorm.G, 0);
            direction.CopyTo(weightNorm.V, 0);
        }

        /// <summary>PyTorch's shape of <c>g</c>: the weight's rank, extent 1 except at <c>Dim</c>; a scalar for the whole weight.</summary>
        internal static int[] MagnitudeShape<T>(IWeightNormalization<T> weightNorm)
            where T : unmanaged
        {
            if (weightNorm.Dim < 0) return Array.Empty<int>();
            var shape = new int[weightNorm.Shape.Length];
            for (int i = 0; i < shape.Length; i++) shape[i] = i == weightNorm.Dim ? weightNorm.Shape[i] : 1;
            return shape;
        }

        private static string Magnitude(string parameterName) => "parametrizations." + parameterName + ".original0";

        private static string Direction(string parameterName) => "parametrizations." + parameterName + ".original1";
    }
}
