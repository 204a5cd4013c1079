namespace NormGen
{
    /// <summary>A generated Min-Max scaler (<see cref="MinMaxScalerAttribute"/>): its feature range and fitted extrema, one
    /// per index of the axes not reduced, in layout order.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    public interface IMinMaxScaler<T> : IInputScaler<T>
        where T : unmanaged
    {
        /// <summary>Lower end of the feature range (scikit-learn <c>feature_range[0]</c>).</summary>
        double FeatureRangeMin { get; }

        /// <summary>Upper end of the feature range (scikit-learn <c>feature_range[1]</c>).</summary>
        double FeatureRangeMax { get; }

        /// <summary>Smallest value fitted (scikit-learn <c>data_min_</c>); +∞ until fitted. Writable, to load saved values.</summary>
        T[] Min { get; }

        /// <summary>Largest value fitted (scikit-learn <c>data_max_</c>); −∞ until fitted. Writable, to load saved values.</summary>
        T[] Max { get; }
    }
}
