using System;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;

namespace NormGen.Distributed
{
    /// <summary>
    /// The state and steps of synchronised BatchNorm for one layer: local moments, the exchange with the other ranks,
    /// normalisation with the merged statistics, gradient sums and the input gradient. Generated layers whose statistics
    /// reduce the batch axis (BatchNorm in every layout, batch-group norm) hold one and expose its steps as
    /// <c>ForwardSynchronized</c>, <c>BackwardSynchronized</c> and the four halves; it is not meant to be used directly.
    /// </summary>
    /// <remarks>The tensor is viewed as <c>outer</c> × <c>channels</c> × <c>inner</c>; channel c belongs to statistic
    /// c / <see cref="GroupSize"/>. Buffers are allocated on the first call (the exchange buffers again when the group
    /// size changes), so later calls allocate nothing of their own.</remarks>
    /// <typeparam name="T">The layer's element type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class SynchronizedStatistics<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private const int ForwardPhase = 1;
        private const int BackwardPhase = 2;
        private const int HeaderLength = 4;
        private const int PrefixLength = 2;

        private readonly string _description;
        private readonly double _hash;
        private readonly double _epsilon;

        // Per channel: moments of the local slice, gradient sums, and the coefficients the kernels take.
        private readonly double[] _channelCount, _channelMean, _channelM2, _channelSumDy, _channelSumDyXhat;
        private readonly T[] _mean, _invStd, _scale, _shift, _gamma, _k1, _k2;

        // The last synchronised training Forward's statistics (per channel) and merged counts (per statistic).
        private readonly double[] _count;
        private bool _hasForward;

        // The exchanges: this rank's message (a prefix, then the values) and every rank's, one pair for Forward's moments
        // and one for Backward's sums, and the merged values.
        private readonly double[][] _messages = { Array.Empty<double>(), Array.Empty<double>() };
        private readonly double[][] _gathered = { Array.Empty<double>(), Array.Empty<double>() };
        private readonly double[] _mergedMoments;
        private readonly double[] _mergedSums;
        private ICollective? _checkedWith;

        /// <summary>A layer's synchronised state.</summary>
        /// <param name="channels">The layer's channel count.</param>
        /// <param name="groupSize">Channels per statistic: 1 for BatchNorm, C / G for batch-group norm.</param>
        /// <param name="epsilon">The layer's epsilon.</param>
        /// <param name="configuration">The layer's configuration as text (layout, axes, groups, epsilon, options, element
        /// type); with <paramref name="channels"/> it is compared across ranks before the first exchange.</param>
        public SynchronizedStatistics(int channels, int groupSize, double epsilon, string configuration)
        {
            Runtime.ComputeTypeGuard.Require<T>("Synchronized statistics");
            if (channels <= 0 || groupSize <= 0 || channels % groupSize != 0)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "{0} channels cannot be split into statistics of {1} channels.", channels, groupSize));
            }

            Channels = channels;
            GroupSize = groupSize;
            StatisticCount = channels / groupSize;
            _epsilon = epsilon;
            _description = configuration + ", C=" + channels.ToString(CultureInfo.InvariantCulture);
            _hash = Hash(_description);
            _channelCount = new double[channels];
            _channelMean = new double[channels];
            _channelM2 = new double[channels];
            _channelSumDy = new double[channels];
            _channelSumDyXhat = new double[channels];
            _mean = new T[channels];
            _invStd = new T[channels];
            _scale = new T[channels];
            _shift = new T[channels];
            _gamma = new T[channels];
            _k1 = new T[channels];
            _k2 = new T[channels];
            _count = new double[StatisticCount];
            _mergedMoments = new double[StatisticCount * BatchMoments.MomentsPerStatistic];
            _mergedSums = new double[StatisticCount * BatchMoments.GradientSumsPerStatistic];
        }

        /// <summary>Channels of the layer.</summary>
        public int Channels { get; }

        /// <summary>Channels per statistic.</summary>
        public int GroupSize { get; }

        /// <summary>Statistics exchanged: <see cref="Channels"/> / <see cref="GroupSize"/>.</summary>
        public int StatisticCount { get; }

        /// <summary>Length of the moments: 3 per statistic.</summary>
        public int MomentsLength => StatisticCount * BatchMoments.MomentsPerStatistic;

        /// <summary>Length of the gradient sums: 2 per statistic.</summary>
        public int GradientSumsLength => StatisticCount * BatchMoments.GradientSumsPerStatistic;

        /// <summary>A synchronised training Forward ran, and nothing since made its statistics stale.</summary>
        public bool HasForward => _hasForward;

        /// <summary>Bytes this rank sends in one exchange of moments (Forward) or gradient sums (Backward).</summary>
        public int MessageBytes(bool forward) => (PrefixLength + (forward ? MomentsLength : GradientSumsLength)) * sizeof(double);

        /// <summary>Forgets the last synchronised Forward (a plain Forward ran since).</summary>
        public void ForgetForward() => _hasForward = false;

        /// <summary>Writes the moments of this rank's slice (3 per statistic) into <paramref name="moments"/>.</summary>
        public void LocalMoments(ReadOnlySpan<T> x, int outer, int inner, Span<double> moments)
        {
            CheckLength(nameof(moments), moments.Length, MomentsLength);
            SynchronizedKernels.ChannelMoments(x, outer, Channels, inner, _channelCount, _channelMean, _channelM2);
            moments.Clear();
            for (int c = 0; c < Channels; c++)
            {
                int s = c / GroupSize * BatchMoments.MomentsPerStatistic;
                BatchMoments.MergeOne(ref moments[s], ref moments[s + 1], ref moments[s + 2], _channelCount[c], _channelMean[c], _channelM2[c]);
            }
        }

        /// <summary>Computes this rank's moments, exchanges them and returns every rank's merged in rank order.</summary>
        public ReadOnlySpan<double> ExchangeMoments(ICollective collective, ReadOnlySpan<T> x, int outer, int inner)
        {
            var message = Message(collective, ForwardPhase, MomentsLength);
            LocalMoments(x, outer, inner, message.Slice(PrefixLength));
            var parts = Exchange(collective, ForwardPhase, message);
            var merged = _mergedMoments.AsSpan();
            merged.Clear();
            for (int r = 0; r < collective.Size; r++)
            {
                BatchMoments.Merge(merged, parts.Slice(r * message.Length + PrefixLength, MomentsLength));
            }

            return merged;
        }

        /// <summary>The smallest count among <paramref name="moments"/>' statistics, after checking their length.</summary>
        public double SmallestCount(ReadOnlySpan<double> moments)
        {
            CheckLength(nameof(moments), moments.Length, MomentsLength);
            double smallest = double.PositiveInfinity;
            for (int i = 0; i < moments.Length; i += BatchMoments.MomentsPerStatistic)
            {
                smallest = Math.Min(smallest, moments[i]);
            }

            return smallest;
        }

        /// <summary>Normalises this rank's slice with the merged <paramref name="moments"/> (biased variance, as PyTorch)
        /// and keeps the statistics for Backward. Weight and bias are null for a layer without them.</summary>
        public void Normalize(ReadOnlySpan<T> x, Span<T> y, int outer, int inner, ReadOnlySpan<double> moments, T[]? weight, T[]? bias)
        {
            for (int s = 0; s < StatisticCount; s++)
            {
                int m = s * BatchMoments.MomentsPerStatistic;
                double n = moments[m];
                _count[s] = n;
                T mean = T.CreateTruncating(moments[m + 1]);
                T invStd = T.CreateTruncating(1d / Math.Sqrt(moments[m + 2] / n + _epsilon));
                for (int c = s * GroupSize; c < (s + 1) * GroupSize; c++)
                {
                    _mean[c] = mean;
                    _invStd[c] = invStd;
                    _scale[c] = weight is null ? invStd : invStd * weight[c];
                    _shift[c] = bias is null ? T.Zero : bias[c];
                }
            }

            SynchronizedKernels.Normalize(x, y, outer, Channels, inner, _mean, _scale, _shift);
            _hasForward = true;
        }

        /// <summary>running = (1 - momentum) · running + momentum · batch, from the merged moments, the variance unbiased
        /// with the merged count.</summary>
        public void UpdateRunningStatistics(ReadOnlySpan<double> moments, T[] runningMean, T[] runningVar, double momentum)
        {
            for (int s = 0; s < StatisticCount; s++)
            {
                int m = s * BatchMoments.MomentsPerStatistic;
                double unbiased = moments[m + 2] / (moments[m] - 1d);
                runningMean[s] = T.CreateTruncating((1d - momentum) * double.CreateTruncating(runningMean[s]) + momentum * moments[m + 1]);
                runningVar[s] = T.CreateTruncating((1d - momentum) * double.CreateTruncating(runningVar[s]) + momentum * unbiased);
            }
        }

        /// <summary>This rank's gradient sums (Σ γ·dy, Σ γ·dy·x̂ per statistic) into <paramref name="sums"/>; the
        /// parameter gradients of the slice are kept for <see cref="AddParameterGradients"/>.</summary>
        public void LocalGradientSums(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, int outer, int inner, T[]? weight, Span<double> sums)
        {
            CheckLength(nameof(sums), sums.Length, GradientSumsLength);
            SynchronizedKernels.GradientSums(x, dy, outer, Channels, inner, _mean, _invStd, _channelSumDy, _channelSumDyXhat);
            sums.Clear();
            for (int c = 0; c < Channels; c++)
            {
                double gamma = weight is null ? 1d : double.CreateTruncating(weight[c]);
                int s = c / GroupSize * BatchMoments.GradientSumsPerStatistic;
                sums[s] += gamma * _channelSumDy[c];
                sums[s + 1] += gamma * _channelSumDyXhat[c];
            }
        }

        /// <summary>Computes this rank's gradient sums, exchanges them and returns their sums over every rank, in rank order.</summary>
        public ReadOnlySpan<double> ExchangeGradientSums(ICollective collective, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, int outer, int inner, T[]? weight)
        {
            var message = Message(collective, BackwardPhase, GradientSumsLength);
            LocalGradientSums(x, dy, outer, inner, weight, message.Slice(PrefixLength));
            var parts = Exchange(collective, BackwardPhase, message);
            var summed = _mergedSums.AsSpan();
            summed.Clear();
            for (int r = 0; r < collective.Size; r++)
            {
                var part = parts.Slice(r * message.Length + PrefixLength, GradientSumsLength);
                for (int i = 0; i < summed.Length; i++)
                {
                    summed[i] += part[i];
                }
            }

            return summed;
        }

        /// <summary>Adds the slice's γ and β gradients (Σ dy·x̂, Σ dy per channel) of the last gradient sums.</summary>
        public void AddParameterGradients(T[] weightGrad, T[] biasGrad)
        {
            for (int c = 0; c < Channels; c++)
            {
                weightGrad[c] += T.CreateTruncating(_channelSumDyXhat[c]);
                biasGrad[c] += T.CreateTruncating(_channelSumDy[c]);
            }
        }

        /// <summary>dx = invStd · (γ·dy − Σ γ·dy / n − x̂ · Σ γ·dy·x̂ / n), the sums and n over every rank.</summary>
        public void InputGradient(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, int outer, int inner, T[]? weight, ReadOnlySpan<double> sums)
        {
            CheckLength(nameof(sums), sums.Length, GradientSumsLength);
            for (int s = 0; s < StatisticCount; s++)
            {
                T k1 = T.CreateTruncating(sums[2 * s] / _count[s]);
                T k2 = T.CreateTruncating(sums[2 * s + 1] / _count[s]);
                for (int c = s * GroupSize; c < (s + 1) * GroupSize; c++)
                {
                    _gamma[c] = weight is null ? T.One : weight[c];
                    _k1[c] = k1;
                    _k2[c] = k2;
                }
            }

            SynchronizedKernels.InputGradient(x, dy, dx, outer, Channels, inner, _mean, _invStd, _gamma, _k1, _k2);
        }

        private Span<double> Message(ICollective collective, int phase, int length)
        {
            if (collective is null)
            {
                throw new ArgumentNullException(nameof(collective));
            }

            if (collective.Size <= 0 || collective.Rank < 0 || collective.Rank >= collective.Size)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "The collective reports rank {0} of {1}.", collective.Rank, collective.Size), nameof(collective));
            }

            CheckConfiguration(collective);
            ref double[] message = ref _messages[phase - ForwardPhase];
            if (message.Length != PrefixLength + length)
            {
                message = new double[PrefixLength + length];
            }

            message[0] = _hash;
            message[1] = phase;
            return message;
        }

        // Every rank sends the same prefix (hash, phase): a rank in the other phase, or with another layer, is found here.
        private ReadOnlySpan<double> Exchange(ICollective collective, int phase, Span<double> message)
        {
            var parts = Gather(collective, phase, message);
            for (int r = 0; r < collective.Size; r++)
            {
                double theirHash = parts[r * message.Length];
                double theirPhase = parts[r * message.Length + 1];
                if (theirHash != _hash || theirPhase != phase)
                {
                    throw new InvalidOperationException(string.Format(
                        CultureInfo.InvariantCulture,
                        "Synchronised BatchNorm exchange out of step: rank {0} is in {1} of this layer ({2}), rank {3} in {4} of {5}. Every rank must call the synchronised methods of the same layers in the same order.",
                        collective.Rank, PhaseName(phase), _description, r, PhaseName(theirPhase), theirHash == _hash ? "the same layer" : "another layer"));
                }
            }

            return parts;
        }

        private Span<double> Gather(ICollective collective, int phase, ReadOnlySpan<double> message)
        {
            ref double[] gathered = ref _gathered[phase - ForwardPhase];
            int length = message.Length * collective.Size;
            if (gathered.Length != length)
            {
                gathered = new double[length];
            }

            collective.AllGather(message, gathered);
            return gathered;
        }

        // Before the first exchange with a collective, a header of fixed length: configuration hash, channels, statistics
        // and element size. A layer configured differently on another rank fails here, on every rank, before any exchange
        // whose length depends on the configuration.
        private void CheckConfiguration(ICollective collective)
        {
            if (ReferenceEquals(_checkedWith, collective))
            {
                return;
            }

            Span<double> header = stackalloc double[HeaderLength];
            header[0] = _hash;
            header[1] = Channels;
            header[2] = StatisticCount;
            header[3] = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            var all = new double[HeaderLength * collective.Size];
            collective.AllGather(header, all);
            for (int r = 0; r < collective.Size; r++)
            {
                var theirs = all.AsSpan(r * HeaderLength, HeaderLength);
                if (!theirs.SequenceEqual(all.AsSpan(0, HeaderLength)))
                {
                    throw new InvalidOperationException(string.Format(
                        CultureInfo.InvariantCulture,
                        "Synchronised BatchNorm layers differ across ranks: rank 0 has {0} channels, {1} statistics, {2}-byte elements (configuration hash {3:R}); rank {4} has {5} channels, {6} statistics, {7}-byte elements (hash {8:R}). This rank's layer: {9}.",
                        all[1], all[2], all[3], all[0], r, theirs[1], theirs[2], theirs[3], theirs[0], _description));
                }
            }

            _checkedWith = collective;
        }

        private static string PhaseName(double phase) => phase == ForwardPhase ? "Forward" : phase == BackwardPhase ? "Backward" : "an unknown step";

        private static void CheckLength(string name, int actual, int expected)
        {
            if (actual != expected)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "'{0}' has {1} elements, but the layer's statistics need exactly {2}.", name, actual, expected), name);
            }
        }

        // FNV-1a over the description, kept to 52 bits so that a double holds it exactly.
        private static double Hash(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char ch in text)
            {
                hash = (hash ^ ch) * 1099511628211UL;
            }

            return hash & ((1UL << 52) - 1);
        }
    }
}
