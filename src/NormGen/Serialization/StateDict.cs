using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace NormGen.Serialization
{
    /// <summary>
    /// A name → tensor map with PyTorch's names, as <c>module.state_dict()</c>: <c>"layer1.bn.weight"</c>,
    /// <c>"layer1.bn.running_mean"</c>, ... Layers, weight normalisations and scalers write their state into one and read
    /// it back under a prefix (see <see cref="LayerState"/>, <see cref="WeightNormState"/>, <see cref="ScalerState"/>); <see cref="SafeTensors"/> saves and loads it. Keys keep the
    /// order they were added in, which is the order tensors are laid out in a saved file.
    /// </summary>
    public sealed class StateDict : IReadOnlyDictionary<string, StateTensor>
    {
        private readonly Dictionary<string, StateTensor> _tensors = new Dictionary<string, StateTensor>(StringComparer.Ordinal);
        private readonly List<string> _order = new List<string>();

        /// <summary>Free-form text saved in the file's <c>__metadata__</c> (for example <c>"format": "pt"</c>).</summary>
        public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <inheritdoc />
        public int Count => _order.Count;

        /// <summary>The names, in the order they were added.</summary>
        public IEnumerable<string> Keys => _order;

        /// <summary>The tensors, in the order they were added.</summary>
        public IEnumerable<StateTensor> Values
        {
            get
            {
                foreach (string key in _order) yield return _tensors[key];
            }
        }

        /// <summary>The tensor named <paramref name="key"/>; setting replaces it or adds it at the end.</summary>
        public StateTensor this[string key]
        {
            get => _tensors[key];
            set
            {
                CheckName(key);
                if (value is null) throw new ArgumentNullException(nameof(value));
                if (!_tensors.ContainsKey(key)) _order.Add(key);
                _tensors[key] = value;
            }
        }

        /// <summary>Adds a tensor; <see cref="ArgumentException"/> when the name is taken.</summary>
        public void Add(string key, StateTensor tensor)
        {
            CheckName(key);
            if (tensor is null) throw new ArgumentNullException(nameof(tensor));
            _tensors.Add(key, tensor);
            _order.Add(key);
        }

        /// <summary>Removes the tensor named <paramref name="key"/>; false when there is none.</summary>
        public bool Remove(string key)
        {
            if (!_tensors.Remove(key)) return false;
            _order.Remove(key);
            return true;
        }

        /// <inheritdoc />
        public bool ContainsKey(string key) => _tensors.ContainsKey(key);

        /// <inheritdoc />
        public bool TryGetValue(string key, [MaybeNullWhen(false)] out StateTensor value) => _tensors.TryGetValue(key, out value);

        /// <inheritdoc />
        public IEnumerator<KeyValuePair<string, StateTensor>> GetEnumerator()
        {
            foreach (string key in _order) yield return new KeyValuePair<string, StateTensor>(key, _tensors[key]);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private static void CheckName(string key)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (key == SafeTensorsHeader.MetadataKey) throw new ArgumentException("'" + key + "' is the file's metadata entry, not a tensor name.", nameof(key));
        }
    }
}
