namespace NormGen
{
    /// <summary>A generated Z-score scaler (<see cref="StandardScalerAttribute"/>): its fitted statistics, one per index of
    /// the axes not reduced, in layout order.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    public interface IStandardScaler<T> : IInputScaler<T>
        where T : unmanaged
    {
        /// <summary>Mean of the values fitted (scikit-learn <c>mean_</c>). Writable, to load saved values.</summary>
        T[] Mean { get; }

        /// <summary>Population variance of the values fitted (scikit-learn <c>var_</c>). Writable, to load saved values.</summary>
        T[] Variance { get; }
    }
}
