using System.Collections.Generic;
using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Emitting;

namespace NormGen.Generator.Planning
{
    /// <summary>What a private kernel's parameter holds.</summary>
    internal enum KernelParameterKind
    {
        /// <summary>A tensor the kernel reads: <c>ref</c> to its first element, in the storage type.</summary>
        Input,

        /// <summary>A tensor the kernel writes: <c>ref</c> to its first element, in the storage type.</summary>
        Output,

        /// <summary>An <c>int</c>: the range of the split loop, or the slice of the rows.</summary>
        Int,

        /// <summary>The call's statistic buffers, then the per-call extents (every kernel ends with them).</summary>
        Buffers,
    }

    internal sealed record KernelParameter(KernelParameterKind Kind, string Name)
    {
        public bool IsTensor => Kind is KernelParameterKind.Input or KernelParameterKind.Output;
    }

    /// <summary>A private kernel's name and parameters, and whether it has an <c>OnThreads</c> twin that splits it among
    /// threads. Its declaration and every call of it are written from this one record.</summary>
    internal sealed record KernelSignature(string Name, EquatableArray<KernelParameter> Parameters, bool HasOnThreadsTwin);

    /// <summary>The signatures of the private kernels a <see cref="LayerPlan"/> lists: the channels-first strategies'
    /// (fused and whole-tensor), the channels-last element-wise passes, and every layer's mean squares, running-statistics
    /// and residual-gradient kernels. (The channels-last statistics and gradient sums, with their chunk and block kernels,
    /// are not listed yet: their emitters write their own.)</summary>
    internal static class KernelSignatures
    {
        public static EquatableArray<KernelSignature> Of(LayerConfiguration c, Kernels kernels, Threads threads, StatisticsPass statistics, bool channelsLast)
        {
            bool residual = c.Residual == ResidualKind.BeforeActivation;
            bool throughActivation = c.HasActivation && !residual;
            KernelParameter x = In("x"), dy = In("dy"), dx = Out("dx"), start = Int("start"), end = Int("end");
            var normalized = residual ? new[] { x, In("res"), Out("y") } : new[] { x, Out("y") };
            var slices = channelsLast ? new[] { Int("slice"), Int("slices") } : new KernelParameter[0];
            bool rowThreads = channelsLast && (threads & Threads.Rows) != 0;

            var signatures = new List<KernelSignature>();
            void Add(Kernels kernel, string name, bool twin, params KernelParameter[] parameters)
            {
                if ((kernels & kernel) == kernel)
                {
                    signatures.Add(new KernelSignature(name, parameters.Append(Buffers).ToEquatableArray(), twin));
                }
            }

            Add(Kernels.NormalizeWithBatchStatistics, MemberNames.NormalizeWithBatchStatistics, (threads & Threads.Statistics) != 0, [.. normalized, start, end]);
            Add(Kernels.AddNormalizeWithBatchStatistics, MemberNames.AddNormalizeWithBatchStatistics, false, In("input"), In("res"), Out("x"), Out("y"), start, end);
            Add(Kernels.BatchStatisticsOneByOne, MemberNames.BatchStatisticsOneByOne, false, x, start, end);
            if (!channelsLast || statistics == StatisticsPass.MeanSquares)
            {
                Add(Kernels.ComputeBatchStatistics, MemberNames.ComputeBatchStatistics, false, x);
            }

            Add(Kernels.Normalize, MemberNames.Normalize, rowThreads, [.. normalized, .. slices]);
            Add(Kernels.NormalizeWithRunningStatistics, MemberNames.NormalizeWithRunningStatistics, false, normalized);
            Add(Kernels.ResidualGradient, MemberNames.ResidualGradient, false, x, In("res"), dy, Out("dr"));
            Add(Kernels.ResidualGradient, MemberNames.ActivationGradient, false, x, dy, dx);
            Add(Kernels.ResidualGradientWithRunningStatistics, MemberNames.ResidualGradient + MemberNames.WithRunningStatistics, false, x, In("res"), dy, Out("dr"));
            Add(Kernels.ResidualGradientWithRunningStatistics, MemberNames.ActivationGradient + MemberNames.WithRunningStatistics, false, x, dy, dx);
            Add(Kernels.BackwardWithBatchStatistics, MemberNames.BackwardWithBatchStatistics, (threads & Threads.Backward) != 0, x, dy, dx, start, end);
            if (!channelsLast)
            {
                Add(Kernels.AccumulateBatchGradients, MemberNames.AccumulateBatchGradients, false, x, dy);
            }

            Add(Kernels.InputGradient, MemberNames.InputGradient, rowThreads, [x, dy, dx, .. slices]);
            Add(Kernels.AccumulateParameterGradients, MemberNames.AccumulateParameterGradients, false, x, dy);
            Add(Kernels.InputGradientWithRunningStatistics, MemberNames.InputGradientWithRunningStatistics, false, throughActivation ? [x, dy, dx] : [dy, dx]);
            return signatures.ToEquatableArray();
        }

        private static KernelParameter In(string name) => new(KernelParameterKind.Input, name);

        private static KernelParameter Out(string name) => new(KernelParameterKind.Output, name);

        private static KernelParameter Int(string name) => new(KernelParameterKind.Int, name);

        private static KernelParameter Buffers { get; } = new(KernelParameterKind.Buffers, CallBuffers.Local);
    }
}
