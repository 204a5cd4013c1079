using System.Collections.Generic;
using System.Diagnostics;
using NormGen;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>
    /// A layer's weight, either learned directly or re-parametrised by NormGen's weight normalisation
    /// (w = g · v / ‖v‖ per output unit; then v and g are the parameters and w is computed before each forward).
    /// </summary>
    public sealed class NormalizedWeight
    {
        private readonly IWeightNormalization<float>? weightNorm;

        public NormalizedWeight(float[] initial, IWeightNormalization<float>? weightNorm)
        {
            Value = initial;
            Grad = new float[initial.Length];
            this.weightNorm = weightNorm;
            weightNorm?.InitializeFrom(initial);
        }

        /// <summary>The weight the layer computes with.</summary>
        public float[] Value { get; }

        /// <summary>dL/dw of the last backward.</summary>
        public float[] Grad { get; }

        /// <summary>Time spent in NormGen's weight normalisation, in <see cref="Stopwatch"/> ticks.</summary>
        public long NormGenTicks { get; private set; }

        public IEnumerable<Parameter> Parameters(string name)
        {
            if (weightNorm is null)
            {
                yield return new Parameter(name, Value, Grad, decay: true);
            }
            else
            {
                yield return new Parameter(name + ".v", weightNorm.V, weightNorm.VGrad, decay: true);
                yield return new Parameter(name + ".g", weightNorm.G, weightNorm.GGrad, decay: false);
            }
        }

        /// <summary>Recomputes w from v and g (no-op for a plain weight).</summary>
        public void Refresh()
        {
            if (weightNorm is not null)
            {
                long start = Stopwatch.GetTimestamp();
                weightNorm.ComputeWeight(Value);
                NormGenTicks += Stopwatch.GetTimestamp() - start;
            }
        }

        /// <summary>Passes dL/dw on to v and g (adds to their gradients).</summary>
        public void BackwardToParameters()
        {
            if (weightNorm is not null)
            {
                long start = Stopwatch.GetTimestamp();
                weightNorm.Backward(Grad);
                NormGenTicks += Stopwatch.GetTimestamp() - start;
            }
        }

        public void ZeroGrad()
        {
            System.Array.Clear(Grad);
            weightNorm?.ZeroGrad();
        }
    }
}
