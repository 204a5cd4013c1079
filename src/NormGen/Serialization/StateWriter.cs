using System;

namespace NormGen.Serialization
{
    /// <summary>Writes an object's arrays into a state dict under a prefix, as tensors of its element type.</summary>
    internal readonly struct StateWriter
    {
        private readonly StateDict _state;
        private readonly string _prefix;

        public StateWriter(StateDict state, string prefix)
        {
            _state = state ?? throw new ArgumentNullException(nameof(state));
            _prefix = StateReader.Normalize(prefix);
        }

        public void Write<T>(string name, ReadOnlySpan<T> values, ReadOnlySpan<int> shape)
            where T : unmanaged
        {
            long[] extents = new long[shape.Length];
            for (int i = 0; i < shape.Length; i++) extents[i] = shape[i];
            _state[_prefix + name] = ToTensor(values, extents);
        }

        public void WriteCount(string name, long value) => _state[_prefix + name] = StateTensor.Scalar(value);

        private static StateTensor ToTensor<T>(ReadOnlySpan<T> values, long[] shape)
            where T : unmanaged
        {
            if (typeof(T) == typeof(float)) return StateTensor.FromSingle(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(values), shape);
            if (typeof(T) == typeof(double)) return StateTensor.FromDouble(System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(values), shape);
            throw new NotSupportedException("State is saved for float or double elements, not " + typeof(T).Name + ".");
        }
    }
}
