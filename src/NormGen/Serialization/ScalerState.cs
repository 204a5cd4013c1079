using System;

namespace NormGen.Serialization
{
    /// <summary>
    /// A scaler's state with scikit-learn's attribute names, each statistic a 1-d tensor of one value per feature
    /// (<c>(n_features,)</c>, the statistics in layout order) and <c>n_samples_seen_</c> an int64 scalar (the scaler's
    /// <see cref="IInputScaler{T}.Count"/>). <c>StandardScaler</c>: <c>mean_</c>, <c>var_</c>, and <c>scale_</c>;
    /// <c>MinMaxScaler</c>: <c>data_min_</c>, <c>data_max_</c>, and <c>data_range_</c>, <c>scale_</c>, <c>min_</c>.
    /// <c>scale_</c>, <c>data_range_</c> and <c>min_</c> follow from the others: they are saved for readers that want
    /// them, and on loading they may be absent and are only shape-checked.
    /// </summary>
    public static class ScalerState
    {
        private const string SamplesSeen = "n_samples_seen_";
        private const string Scale = "scale_";

        /// <summary>Writes a Z-score scaler's <c>mean_</c>, <c>var_</c>, <c>scale_</c> and <c>n_samples_seen_</c>.</summary>
        public static void SaveStateDict<T>(this IStandardScaler<T> scaler, StateDict state, string prefix = "")
            where T : unmanaged
        {
            if (scaler is null) throw new ArgumentNullException(nameof(scaler));
            var writer = new StateWriter(state, prefix);
            int[] shape = { scaler.Mean.Length };
            writer.Write<T>("mean_", scaler.Mean, shape);
            writer.Write<T>("var_", scaler.Variance, shape);
            writer.Write<T>(Scale, Map(scaler.Variance, v => NonZero(Math.Sqrt(v))), shape);
            writer.WriteCount(SamplesSeen, scaler.Count);
        }

        /// <summary>Reads a Z-score scaler's <c>mean_</c>, <c>var_</c> and <c>n_samples_seen_</c>, all checked before any is
        /// written. With <paramref name="strict"/>, any other key under the prefix is an error.</summary>
        /// <exception cref="StateDictException">A tensor is missing, unexpected, of the wrong shape, or not exactly representable.</exception>
        public static void LoadStateDict<T>(this IStandardScaler<T> scaler, StateDict state, string prefix = "", bool strict = true)
            where T : unmanaged
        {
            if (scaler is null) throw new ArgumentNullException(nameof(scaler));
            var reader = new StateReader(state, prefix);
            int[] shape = { scaler.Mean.Length };
            T[] mean = reader.Read<T>("mean_", shape, "the scaler's mean");
            T[] variance = reader.Read<T>("var_", shape, "the scaler's variance");
            reader.Accept(Scale, shape, "the scaler's scale");
            long count = reader.ReadCount(SamplesSeen, "the number of samples seen");
            reader.CheckUnexpected(strict);

            mean.CopyTo(scaler.Mean, 0);
            variance.CopyTo(scaler.Variance, 0);
            scaler.Count = count;
        }

        /// <summary>Writes a Min-Max scaler's <c>data_min_</c>, <c>data_max_</c>, <c>data_range_</c>, <c>scale_</c>,
        /// <c>min_</c> and <c>n_samples_seen_</c>.</summary>
        public static void SaveStateDict<T>(this IMinMaxScaler<T> scaler, StateDict state, string prefix = "")
            where T : unmanaged
        {
            if (scaler is null) throw new ArgumentNullException(nameof(scaler));
            var writer = new StateWriter(state, prefix);
            int[] shape = { scaler.Min.Length };
            double width = scaler.FeatureRangeMax - scaler.FeatureRangeMin;
            var range = new double[scaler.Min.Length];
            var scale = new double[range.Length];
            var offset = new double[range.Length];
            for (int i = 0; i < range.Length; i++)
            {
                double min = ToDouble(scaler.Min[i]);
                range[i] = ToDouble(scaler.Max[i]) - min;
                scale[i] = width / NonZero(range[i]);
                offset[i] = scaler.FeatureRangeMin - min * scale[i];
            }

            writer.Write<T>("data_min_", scaler.Min, shape);
            writer.Write<T>("data_max_", scaler.Max, shape);
            writer.Write<T>("data_range_", FromDoubles<T>(range), shape);
            writer.Write<T>(Scale, FromDoubles<T>(scale), shape);
            writer.Write<T>("min_", FromDoubles<T>(offset), shape);
            writer.WriteCount(SamplesSeen, scaler.Count);
        }

        /// <summary>Reads a Min-Max scaler's <c>data_min_</c>, <c>data_max_</c> and <c>n_samples_seen_</c>, all checked before
        /// any is written. With <paramref name="strict"/>, any other key under the prefix is an error.</summary>
        /// <exception cref="StateDictException">A tensor is missing, unexpected, of the wrong shape, or not exactly representable.</exception>
        public static void LoadStateDict<T>(this IMinMaxScaler<T> scaler, StateDict state, string prefix = "", bool strict = true)
            where T : unmanaged
        {
            if (scaler is null) throw new ArgumentNullException(nameof(scaler));
            var reader = new StateReader(state, prefix);
            int[] shape = { scaler.Min.Length };
            T[] min = reader.Read<T>("data_min_", shape, "the scaler's minimum");
            T[] max = reader.Read<T>("data_max_", shape, "the scaler's maximum");
            reader.Accept("data_range_", shape, "the scaler's data range");
            reader.Accept(Scale, shape, "the scaler's scale");
            reader.Accept("min_", shape, "the scaler's offset");
            long count = reader.ReadCount(SamplesSeen, "the number of samples seen");
            reader.CheckUnexpected(strict);

            min.CopyTo(scaler.Min, 0);
            max.CopyTo(scaler.Max, 0);
            scaler.Count = count;
        }

        /// <summary>scikit-learn's handling of a zero scale: a constant feature is divided by 1.</summary>
        private static double NonZero(double scale) => scale == 0 ? 1 : scale;

        private static double ToDouble<T>(T value)
            where T : unmanaged =>
            typeof(T) == typeof(float) ? (float)(object)value : (double)(object)value;

        private static T[] FromDoubles<T>(double[] values)
            where T : unmanaged
        {
            var result = new T[values.Length];
            for (int i = 0; i < values.Length; i++) result[i] = typeof(T) == typeof(float) ? (T)(object)(float)values[i] : (T)(object)values[i];
            return result;
        }

        private static T[] Map<T>(T[] values, Func<double, double> f)
            where T : unmanaged
        {
            var mapped = new double[values.Length];
            for (int i = 0; i < values.Length; i++) mapped[i] = f(ToDouble(values[i]));
            return FromDoubles<T>(mapped);
        }
    }
}
