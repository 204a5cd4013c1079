using System;
using NormGen.Samples.FashionMnist.Nn;

namespace NormGen.Samples.FashionMnist.Training
{
    /// <summary>Stopwatch ticks of the training steps, in total and per layer kind.</summary>
    public sealed class StepTimes
    {
        private readonly long[] byKind = new long[Enum.GetValues<LayerKind>().Length];

        public long Total { get; set; }

        public long this[LayerKind kind]
        {
            get => byKind[(int)kind];
            set => byKind[(int)kind] = value;
        }

        /// <summary>The share of the training steps' time spent in NormGen layers and weight normalisation.</summary>
        public double NormGenShare => Total == 0 ? 0 : (double)this[LayerKind.NormGen] / Total;

        public StepShares Shares()
        {
            if (Total == 0)
            {
                return new StepShares(0, 0, 0, 0, 0, 0);
            }

            double Share(LayerKind kind) => (double)this[kind] / Total;
            double layers = Share(LayerKind.Convolution) + Share(LayerKind.Pooling) + Share(LayerKind.Linear) + Share(LayerKind.Activation) + Share(LayerKind.NormGen);
            return new StepShares(Share(LayerKind.Convolution), Share(LayerKind.Pooling), Share(LayerKind.Linear), Share(LayerKind.Activation), Share(LayerKind.NormGen), 1 - layers);
        }

        public void Reset()
        {
            Array.Clear(byKind);
            Total = 0;
        }
    }
}
