using System;

namespace NormGen.Tests.Reference
{
    /// <summary>The result of a reference forward pass.</summary>
    /// <param name="Output">y = xhat * weight + bias.</param>
    /// <param name="Normalized">xhat = (x - mean) * invstd, per element.</param>
    /// <param name="InvStd">1 / sqrt(var + eps) of the statistic each element was normalised with.</param>
    /// <param name="Mean">Batch mean per statistic.</param>
    /// <param name="Variance">Biased batch variance per statistic.</param>
    /// <param name="UsedBatchStatistics">False when the running statistics (constants) normalised the input.</param>
    public sealed record ForwardResult(
        double[] Output, double[] Normalized, double[] InvStd, double[] Mean, double[] Variance, bool UsedBatchStatistics);

    /// <summary>Gradients of a scalar loss with respect to the input and the parameters.</summary>
    /// <param name="InputTermScale">The largest |invstd * (|g| + |mean_s(g)| + |xhat * mean_s(g * xhat)|)| over the input:
    /// the size of the terms that cancel into dx. When few values share a statistic dx is far smaller than its terms,
    /// and rounding errors of any implementation are relative to the terms, not to dx.</param>
    /// <param name="WeightTermScale">The largest |dy * xhat| summed into the weight gradient, and</param>
    /// <param name="BiasTermScale">the largest |dy| summed into the bias gradient: a parameter gradient whose terms cancel
    /// is far smaller than they are, and any implementation's rounding errors are relative to the terms.</param>
    public sealed record Gradients(
        double[] Input, double[]? Weight, double[]? Bias, double InputTermScale, double WeightTermScale = 0, double BiasTermScale = 0);

    /// <summary>Normalisation forward and backward in double precision, element by element, for clarity rather than speed.</summary>
    public static class ReferenceNorm
    {
        /// <summary>Mean and biased variance of every statistic, each computed in two passes.</summary>
        public static (double[] Mean, double[] Variance) BatchStatistics(StatisticMap map, double[] x)
        {
            var mean = new double[map.StatisticCount];
            var variance = new double[map.StatisticCount];
            for (int i = 0; i < x.Length; i++)
            {
                mean[map.StatisticOf(map.Shape.MultiIndex(i))] += x[i];
            }

            for (int s = 0; s < mean.Length; s++)
            {
                mean[s] /= map.ElementsPerStatistic;
            }

            for (int i = 0; i < x.Length; i++)
            {
                double deviation = x[i] - mean[map.StatisticOf(map.Shape.MultiIndex(i))];
                variance[map.StatisticOf(map.Shape.MultiIndex(i))] += deviation * deviation;
            }

            for (int s = 0; s < variance.Length; s++)
            {
                variance[s] /= map.ElementsPerStatistic;
            }

            return (mean, variance);
        }

        /// <summary>RMSNorm's statistic: the mean of x^2 over every statistic's values.</summary>
        public static double[] MeanSquares(StatisticMap map, double[] x)
        {
            var meanSquare = new double[map.StatisticCount];
            for (int i = 0; i < x.Length; i++)
            {
                meanSquare[map.StatisticOf(map.Shape.MultiIndex(i))] += x[i] * x[i];
            }

            for (int s = 0; s < meanSquare.Length; s++)
            {
                meanSquare[s] /= map.ElementsPerStatistic;
            }

            return meanSquare;
        }

        /// <summary>RMSNorm: xhat = x / sqrt(mean_s(x^2) + eps), y = xhat * weight. No mean is subtracted and there is no
        /// bias. The result records a mean of 0 and the mean square in place of the variance.</summary>
        public static ForwardResult RmsForward(NormSpec spec, LayoutShape shape, double[] x, double[]? weight)
        {
            var map = new StatisticMap(spec, shape);
            double[] meanSquare = MeanSquares(map, x);
            var y = new double[x.Length];
            var xhat = new double[x.Length];
            var invRms = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                int[] index = shape.MultiIndex(i);
                invRms[i] = 1.0 / Math.Sqrt(meanSquare[map.StatisticOf(index)] + spec.Epsilon);
                xhat[i] = x[i] * invRms[i];
                y[i] = xhat[i] * (weight is null ? 1.0 : weight[map.ParameterOf(index)]);
            }

            return new ForwardResult(y, xhat, invRms, new double[map.StatisticCount], meanSquare, UsedBatchStatistics: true);
        }

        /// <summary>
        /// RMSNorm's gradients, with xhat = x * invrms and g = dy * weight:
        /// dx = invrms * (g - xhat * mean_s(g * xhat)) (no mean(g) term: the mean was not subtracted);
        /// dweight = sum(dy * xhat) over the elements sharing the weight; no bias.
        /// </summary>
        public static Gradients RmsBackward(NormSpec spec, LayoutShape shape, ForwardResult forward, double[] dy, double[]? weight)
        {
            var map = new StatisticMap(spec, shape);
            var g = new double[dy.Length];
            var meanGXhat = new double[map.StatisticCount];
            for (int i = 0; i < dy.Length; i++)
            {
                int[] index = shape.MultiIndex(i);
                g[i] = dy[i] * (weight is null ? 1.0 : weight[map.ParameterOf(index)]);
                meanGXhat[map.StatisticOf(index)] += g[i] * forward.Normalized[i] / map.ElementsPerStatistic;
            }

            var dx = new double[dy.Length];
            double termScale = 0;
            for (int i = 0; i < dy.Length; i++)
            {
                double correction = forward.Normalized[i] * meanGXhat[map.StatisticOf(shape.MultiIndex(i))];
                dx[i] = forward.InvStd[i] * (g[i] - correction);
                termScale = Math.Max(termScale, forward.InvStd[i] * (Math.Abs(g[i]) + Math.Abs(correction)));
            }

            if (!spec.Affine)
            {
                return new Gradients(dx, null, null, termScale);
            }

            var dweight = new double[map.ParameterCount];
            double weightTermScale = 0;
            for (int i = 0; i < dy.Length; i++)
            {
                dweight[map.ParameterOf(shape.MultiIndex(i))] += dy[i] * forward.Normalized[i];
                weightTermScale = Math.Max(weightTermScale, Math.Abs(dy[i] * forward.Normalized[i]));
            }

            return new Gradients(dx, dweight, null, termScale, weightTermScale);
        }

        /// <summary>Normalises with the statistics of this batch (training, or eval without running statistics).</summary>
        public static ForwardResult Forward(NormSpec spec, LayoutShape shape, double[] x, double[]? weight, double[]? bias)
        {
            if (!spec.Center)
            {
                return RmsForward(spec, shape, x, weight);
            }

            var map = new StatisticMap(spec, shape);
            var (mean, variance) = BatchStatistics(map, x);
            var elementMean = new double[x.Length];
            var elementInvStd = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                int s = map.StatisticOf(shape.MultiIndex(i));
                elementMean[i] = mean[s];
                elementInvStd[i] = 1.0 / Math.Sqrt(variance[s] + spec.Epsilon);
            }

            return Normalize(map, x, elementMean, elementInvStd, weight, bias, mean, variance, usedBatchStatistics: true);
        }

        /// <summary>Normalises with running statistics (eval mode of a layer that keeps them).</summary>
        public static ForwardResult ForwardWithRunningStatistics(
            NormSpec spec, LayoutShape shape, double[] x, double[]? weight, double[]? bias, double[] runningMean, double[] runningVar)
        {
            var map = new StatisticMap(spec, shape);
            var (mean, variance) = BatchStatistics(map, x);
            var elementMean = new double[x.Length];
            var elementInvStd = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                int r = map.RunningOf(shape.MultiIndex(i));
                elementMean[i] = runningMean[r];
                elementInvStd[i] = 1.0 / Math.Sqrt(runningVar[r] + spec.Epsilon);
            }

            return Normalize(map, x, elementMean, elementInvStd, weight, bias, mean, variance, usedBatchStatistics: false);
        }

        /// <summary>
        /// With xhat = (x - mean) * invstd and g = dy * weight:
        /// batch statistics: dx = invstd * (g - mean_s(g) - xhat * mean_s(g * xhat)), the means over the element's statistic;
        /// constant (running) statistics: dx = g * invstd.
        /// dweight = sum(dy * xhat), dbias = sum(dy), each over the elements sharing the parameter.
        /// </summary>
        public static Gradients Backward(NormSpec spec, LayoutShape shape, ForwardResult forward, double[] dy, double[]? weight)
        {
            if (!spec.Center)
            {
                return RmsBackward(spec, shape, forward, dy, weight);
            }

            var map = new StatisticMap(spec, shape);
            var g = new double[dy.Length];
            for (int i = 0; i < dy.Length; i++)
            {
                g[i] = dy[i] * (weight is null ? 1.0 : weight[map.ParameterOf(shape.MultiIndex(i))]);
            }

            var dx = new double[dy.Length];
            double termScale = 0;
            if (forward.UsedBatchStatistics)
            {
                var meanG = new double[map.StatisticCount];
                var meanGXhat = new double[map.StatisticCount];
                for (int i = 0; i < dy.Length; i++)
                {
                    int s = map.StatisticOf(shape.MultiIndex(i));
                    meanG[s] += g[i] / map.ElementsPerStatistic;
                    meanGXhat[s] += g[i] * forward.Normalized[i] / map.ElementsPerStatistic;
                }

                for (int i = 0; i < dy.Length; i++)
                {
                    int s = map.StatisticOf(shape.MultiIndex(i));
                    dx[i] = forward.InvStd[i] * (g[i] - meanG[s] - (forward.Normalized[i] * meanGXhat[s]));
                    double terms = Math.Abs(g[i]) + Math.Abs(meanG[s]) + Math.Abs(forward.Normalized[i] * meanGXhat[s]);
                    termScale = Math.Max(termScale, forward.InvStd[i] * terms);
                }
            }
            else
            {
                for (int i = 0; i < dy.Length; i++)
                {
                    dx[i] = g[i] * forward.InvStd[i];
                    termScale = Math.Max(termScale, Math.Abs(dx[i]));
                }
            }

            if (!spec.Affine)
            {
                return new Gradients(dx, null, null, termScale);
            }

            var dweight = new double[map.ParameterCount];
            var dbias = new double[map.ParameterCount];
            double weightTermScale = 0, biasTermScale = 0;
            for (int i = 0; i < dy.Length; i++)
            {
                int p = map.ParameterOf(shape.MultiIndex(i));
                dweight[p] += dy[i] * forward.Normalized[i];
                dbias[p] += dy[i];
                weightTermScale = Math.Max(weightTermScale, Math.Abs(dy[i] * forward.Normalized[i]));
                biasTermScale = Math.Max(biasTermScale, Math.Abs(dy[i]));
            }

            return new Gradients(dx, dweight, dbias, termScale, weightTermScale, biasTermScale);
        }

        /// <summary>
        /// The batch's contribution to the running statistics, per running index: the mean and the unbiased variance
        /// (var * n / (n - 1)) of its statistic; with N kept (instance style) averaged over the batch.
        /// </summary>
        public static (double[] Mean, double[] UnbiasedVariance) RunningContribution(NormSpec spec, LayoutShape shape, ForwardResult forward)
        {
            var map = new StatisticMap(spec, shape);
            int n = map.ElementsPerStatistic;
            var mean = new double[map.RunningCount];
            var variance = new double[map.RunningCount];
            var statisticsPerRunning = new int[map.RunningCount];
            var seen = new bool[map.StatisticCount];
            for (int i = 0; i < shape.Count; i++)
            {
                int[] index = shape.MultiIndex(i);
                int s = map.StatisticOf(index);
                if (seen[s])
                {
                    continue;
                }

                seen[s] = true;
                int r = map.RunningOf(index);
                mean[r] += forward.Mean[s];
                variance[r] += forward.Variance[s] * n / (n - 1);
                statisticsPerRunning[r]++;
            }

            for (int r = 0; r < mean.Length; r++)
            {
                mean[r] /= statisticsPerRunning[r];
                variance[r] /= statisticsPerRunning[r];
            }

            return (mean, variance);
        }

        /// <summary>running = (1 - m) * running + m * batch, m = momentum, or 1 / numBatchesTracked (already incremented)
        /// for a cumulative average.</summary>
        public static void UpdateRunningStatistics(
            NormSpec spec, LayoutShape shape, ForwardResult forward, double[] runningMean, double[] runningVar, long numBatchesTracked)
        {
            var (mean, variance) = RunningContribution(spec, shape, forward);
            double m = spec.CumulativeAverage ? 1.0 / numBatchesTracked : spec.Momentum;
            for (int r = 0; r < runningMean.Length; r++)
            {
                runningMean[r] = ((1 - m) * runningMean[r]) + (m * mean[r]);
                runningVar[r] = ((1 - m) * runningVar[r]) + (m * variance[r]);
            }
        }

        private static ForwardResult Normalize(
            StatisticMap map, double[] x, double[] elementMean, double[] elementInvStd, double[]? weight, double[]? bias,
            double[] mean, double[] variance, bool usedBatchStatistics)
        {
            var y = new double[x.Length];
            var xhat = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                int p = map.ParameterOf(map.Shape.MultiIndex(i));
                xhat[i] = (x[i] - elementMean[i]) * elementInvStd[i];
                y[i] = (xhat[i] * (weight is null ? 1.0 : weight[p])) + (bias is null ? 0.0 : bias[p]);
            }

            return new ForwardResult(y, xhat, elementInvStd, mean, variance, usedBatchStatistics);
        }
    }
}
