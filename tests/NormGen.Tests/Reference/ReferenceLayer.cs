using System;

namespace NormGen.Tests.Reference
{
    /// <summary>
    /// The state a normalisation layer keeps (parameters, accumulated gradients, running statistics, mode) around
    /// <see cref="ReferenceNorm"/>, so a sequence of calls can be replayed in double precision.
    /// </summary>
    public sealed class ReferenceLayer
    {
        private ForwardResult? _lastForward;
        private LayoutShape? _lastShape;

        public ReferenceLayer(NormSpec spec, int parameterCount, int runningCount)
        {
            Spec = spec;
            if (spec.Affine)
            {
                Weight = new double[parameterCount];
                Array.Fill(Weight, 1.0);
                WeightGrad = new double[parameterCount];
            }

            if (spec.HasBias)
            {
                Bias = new double[parameterCount];
                BiasGrad = new double[parameterCount];
            }

            if (spec.TrackRunningStats)
            {
                RunningMean = new double[runningCount];
                RunningVar = new double[runningCount];
                Array.Fill(RunningVar, 1.0);
            }
        }

        public NormSpec Spec { get; }

        public bool Training { get; set; } = true;

        public double[]? Weight { get; }

        public double[]? Bias { get; }

        public double[]? WeightGrad { get; }

        public double[]? BiasGrad { get; }

        public double[]? RunningMean { get; }

        public double[]? RunningVar { get; }

        public long NumBatchesTracked { get; set; }

        /// <summary><see cref="Gradients.InputTermScale"/> of the last <see cref="Backward"/>.</summary>
        public double LastInputTermScale { get; private set; }

        /// <summary>The largest <see cref="Gradients.WeightTermScale"/> of the Backward calls <see cref="WeightGrad"/> holds.</summary>
        public double WeightGradTermScale { get; private set; }

        /// <summary>The largest <see cref="Gradients.BiasTermScale"/> of the Backward calls <see cref="BiasGrad"/> holds.</summary>
        public double BiasGradTermScale { get; private set; }

        /// <summary>Training: batch statistics, then the running statistics take this batch in.
        /// Eval: running statistics when kept, else batch statistics.</summary>
        public double[] Forward(LayoutShape shape, double[] x)
        {
            ForwardResult result;
            if (!Training && RunningMean is not null && RunningVar is not null)
            {
                result = ReferenceNorm.ForwardWithRunningStatistics(Spec, shape, x, Weight, Bias, RunningMean, RunningVar);
            }
            else
            {
                result = ReferenceNorm.Forward(Spec, shape, x, Weight, Bias);
                if (Training && RunningMean is not null && RunningVar is not null)
                {
                    NumBatchesTracked++;
                    ReferenceNorm.UpdateRunningStatistics(Spec, shape, result, RunningMean, RunningVar, NumBatchesTracked);
                }
            }

            _lastForward = result;
            _lastShape = shape;
            return ReferenceActivation.Forward(Spec.Activation, result.Output);
        }

        /// <summary>Returns the input gradient and adds the parameter gradients to <see cref="WeightGrad"/> and <see cref="BiasGrad"/>.</summary>
        public double[] Backward(double[] dy)
        {
            if (_lastForward is null || _lastShape is null)
            {
                throw new InvalidOperationException("The reference layer needs a Forward before Backward.");
            }

            // Through the activation first: the normalisation's backward takes dz = dy * act'(z), z its own output.
            double[] dz = ReferenceActivation.Backward(Spec.Activation, _lastForward.Output, dy);
            var gradients = ReferenceNorm.Backward(Spec, _lastShape, _lastForward, dz, Weight);
            LastInputTermScale = gradients.InputTermScale;
            WeightGradTermScale = Math.Max(WeightGradTermScale, gradients.WeightTermScale);
            BiasGradTermScale = Math.Max(BiasGradTermScale, gradients.BiasTermScale);
            if (WeightGrad is not null && gradients.Weight is not null)
            {
                for (int p = 0; p < WeightGrad.Length; p++)
                {
                    WeightGrad[p] += gradients.Weight[p];
                }
            }

            if (BiasGrad is not null && gradients.Bias is not null)
            {
                for (int p = 0; p < BiasGrad.Length; p++)
                {
                    BiasGrad[p] += gradients.Bias[p];
                }
            }

            return gradients.Input;
        }
    }
}
