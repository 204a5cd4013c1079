using System;
using System.Collections.Generic;

namespace NormGen.Serialization
{
    /// <summary>
    /// Takes the tensors one object needs from a state dict under a prefix, checking each one's shape and converting its
    /// values, without touching the object: the caller writes only once every read has succeeded. Remembers which keys
    /// it took so <see cref="CheckUnexpected"/> can report the others under the prefix, as PyTorch's strict loading.
    /// </summary>
    internal sealed class StateReader
    {
        private readonly StateDict _state;
        private readonly string _prefix;
        private readonly HashSet<string> _expected = new HashSet<string>(StringComparer.Ordinal);

        public StateReader(StateDict state, string prefix)
        {
            _state = state ?? throw new ArgumentNullException(nameof(state));
            _prefix = Normalize(prefix);
        }

        /// <summary>A prefix as PyTorch writes it: empty, or ending with a dot (<c>"layer1.bn"</c> becomes <c>"layer1.bn."</c>).</summary>
        public static string Normalize(string prefix)
        {
            if (prefix is null) throw new ArgumentNullException(nameof(prefix));
            return prefix.Length == 0 || prefix.EndsWith(".", StringComparison.Ordinal) ? prefix : prefix + ".";
        }

        public string Key(string name) => _prefix + name;

        public bool Contains(string name) => _state.ContainsKey(Key(name));

        /// <summary>The values of a required tensor of exactly <paramref name="shape"/>.</summary>
        public T[] Read<T>(string name, ReadOnlySpan<int> shape, string what)
            where T : unmanaged
        {
            string key = Key(name);
            _expected.Add(key);
            if (!_state.TryGetValue(key, out StateTensor? tensor))
            {
                throw new StateDictException(key, "missing from the state dict (" + what + ").");
            }

            if (!TensorShapes.Equal(tensor.Shape, shape))
            {
                throw new StateDictException(key, "has shape " + TensorShapes.Describe(tensor.Shape) + ", but " + what + " has shape "
                    + TensorShapes.Describe(shape) + ".");
            }

            return tensor.ToArray<T>(key);
        }

        /// <summary>A required integer scalar (shape <c>[]</c>), not negative.</summary>
        public long ReadCount(string name, string what)
        {
            long value = Read<long>(name, ReadOnlySpan<int>.Empty, what)[0];
            if (value < 0) throw new StateDictException(Key(name), "is " + value + "; " + what + " is never negative.");
            return value;
        }

        /// <summary>A tensor that is accepted but not read (a value derived from the others, as scikit-learn's
        /// <c>scale_</c>): its shape is checked when present.</summary>
        public void Accept(string name, ReadOnlySpan<int> shape, string what)
        {
            string key = Key(name);
            _expected.Add(key);
            if (_state.TryGetValue(key, out StateTensor? tensor) && !TensorShapes.Equal(tensor.Shape, shape))
            {
                throw new StateDictException(key, "has shape " + TensorShapes.Describe(tensor.Shape) + ", but " + what + " has shape "
                    + TensorShapes.Describe(shape) + ".");
            }
        }

        /// <summary>With <paramref name="strict"/>, throws for the first key under the prefix that was not asked for.</summary>
        public void CheckUnexpected(bool strict)
        {
            if (!strict) return;
            foreach (string key in _state.Keys)
            {
                if (key.StartsWith(_prefix, StringComparison.Ordinal) && !_expected.Contains(key))
                {
                    throw new StateDictException(key, "is not part of this object's state (pass strict: false to ignore keys it does not use).");
                }
            }
        }
    }
}
