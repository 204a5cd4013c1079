using System;
using System.Diagnostics;
using NormGen.Samples.FashionMnist.Nn;

namespace NormGen.Samples.FashionMnist.Training
{
    /// <summary>Stopwatch ticks of the training steps, per layer kind, plus the loss and the optimiser.</summary>
    public sealed class StepTimes
    {
        private readonly long[] byKind = new long[Enum.GetValues<LayerKind>().Length];

        public long Loss { get; set; }

        public long Optimizer { get; set; }

        public long Total { get; set; }

        public long this[LayerKind kind]
        {
            get => byKind[(int)kind];
            set => byKind[(int)kind] = value;
        }

        /// <summary>The share of the training steps' time spent in NormGen layers and weight normalisation.</summary>
        public double NormGenShare => Total == 0 ? 0 : (double)this[LayerKind.NormGen] / Total;

        public double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

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
            Loss = Optimizer = Total = 0;
        }
    }
}
