using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Planning;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the layer's state: parameters, gradients, running statistics, mode, scratch buffers, and the
    /// members that reset them.</summary>
    internal static class StateEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            var configuration = c.Configuration;
            var allocations = new Allocations(c.HasConstructor);
            if (c.HasConstructor)
            {
                c.DimensionNames.EmitFields(w);
            }

            string channels = configuration.ChannelsAtConstruction ? DimensionNames.Field(Axis.C.ParameterName()) : Names.Int(configuration.Channels);
            w.Template($$"""
                /// <summary>The memory layout, outermost axis first.</summary>
                public string {{Layout}} => "{{configuration.LayoutText}}";

                /// <summary>The axes statistics are reduced over.</summary>
                public string {{Axes}} => "{{configuration.AxesText}}";

                /// <summary>The number of channels.</summary>
                public int {{Channels}} => {{channels}};

                """);
            EmitParameterShape(w, c, allocations);
            w.Template($$"""
                /// <summary>Added to the {{(c.Centered ? "variance" : "mean square")}} before the square root.</summary>
                public double {{Epsilon}} => {{Names.DoubleLiteral(configuration.Epsilon)}};

                /// <summary>Training mode (batch statistics{{(c.Tracks ? ", running statistics updated" : "")}}) when true; eval mode when false.</summary>
                public bool {{Training}} { get; set; } = true;

                """);
            if (ThreadsSummary(c) is { } threads)
            {
                w.Template($$"""
                    /// <summary>{{threads}} Results are bitwise those of one thread; a call on threads allocates a few hundred bytes for the hand-over.</summary>
                    public int {{MaxDegreeOfParallelism}} { get => {{ThreadsField}}; set => {{ThreadsField}} = {{Names.Parallel}}.CheckThreads(value); }
                    private int {{ThreadsField}} = 1;

                    """);
            }

            EmitParameters(w, c, allocations);
            EmitRunningStatistics(w, c, allocations);
            EmitScratch(w, c, allocations);
            if (c.HasConstructor)
            {
                ConstructorEmitter.Emit(w, c, allocations);
            }

            EmitResets(w, c);
        }

        /// <summary>What <c>MaxDegreeOfParallelism</c> shares, from the plan's threaded variants; null without any.</summary>
        private static string? ThreadsSummary(LayerContext c)
        {
            var plan = c.Plan;
            string minimum = $"<see cref=\"{Names.Parallel}.MinimumElements\"/>";
            if (plan.Has(Threads.Statistics))
            {
                string upTo = plan.ThreadsUpToValues is { } limit ? $" when each statistic has at most {Names.Int(limit)} values" : "";
                return $"How many threads a training Forward{(plan.Has(Threads.Backward) ? " and Backward" : "")} may share the statistics among (1, the default: the calling thread only), in calls of at least {minimum} elements{upTo}.";
            }

            if (!plan.Has(Threads.Rows))
            {
                return null;
            }

            string split = plan.SplitsChannelsLastStatistics ? "a training Forward's statistics and a Backward's gradient sums" : "a Backward's gradient sums";
            string sums = plan.Has(Threads.Blocks)
                ? $"{split} by indices of the outermost axis (each index's statistics are its own{(c.Affine ? ", its share of the parameter gradients added in index order" : "")}), "
                : plan.Has(Threads.Chunks)
                    ? $"{split} by chunks of rows (each chunk summed on its own, at least {Names.Int(ChannelsLastPlan.ChunksPerThread)} a thread, the chunks merged in order), "
                    : "";
            string rest = sums.Length == 0 ? "; the statistics and the gradient sums stay on the calling thread." : ".";
            return $"How many threads Forward and a Backward through batch statistics may share their work among (1, the default: the calling thread only); calls of at least {minimum} elements share {sums}the normalisation and the input gradient by rows{rest}";
        }

        /// <summary>The shape of Weight and Bias, as PyTorch gives it: (C), or the element-wise extents.</summary>
        private static void EmitParameterShape(IndentedWriter w, LayerContext c, Allocations allocations)
        {
            var configuration = c.Configuration;
            var axes = configuration.Affine switch
            {
                AffineKind.PerChannel => configuration.Layout.Where(a => a.Axis == Axis.C).ToArray(),
                AffineKind.Elementwise => configuration.Layout.Where(a => a.Reduced && a.Axis != Axis.N).ToArray(),
                _ => new LayoutAxis[0],
            };
            string extents = $"new int[] {{ {string.Join(", ", axes.Select(DimensionNames.Extent))} }}";
            string weight = c.Affine ? Weight : $"INormalizationLayer{{T}}.{Weight}";
            bool constructed = axes.Any(a => a.AtConstruction);
            w.Template($$"""
                /// <summary>The shape of <see cref="{{weight}}"/>{{(c.Centered ? " and its bias" : "")}}, as PyTorch gives it{{(c.Affine ? "" : ": empty, the layer has none")}}.</summary>
                public {{Names.ReadOnlySpan}}<int> {{ParameterShape}} => {{(constructed ? ParameterShapeField : extents)}};

                """);
            if (constructed)
            {
                allocations.Field(w, $"private readonly int[] {ParameterShapeField}", ParameterShapeField, extents);
                w.Line();
            }
        }

        private static void EmitParameters(IndentedWriter w, LayerContext c, Allocations allocations)
        {
            string T = c.T;
            if (!c.Affine)
            {
                Absent(w, c, Weight, Bias, WeightGrad, BiasGrad);
                return;
            }

            string per = c.Configuration.Affine == AffineKind.PerChannel ? "one per channel" : "one per element of the reduced axes, in layout order";
            string count = c.ParameterCount.ToCode();
            string zeros = $"new {T}[{count}]";
            allocations.ArrayProperty(w, T, Weight, $"γ, {per}; initialised to 1.", $"{Names.Buffers}.Filled({count}, {c.Names.One})");
            if (c.HasBias)
            {
                allocations.ArrayProperty(w, T, Bias, $"β, {per}; initialised to 0.", zeros);
            }

            allocations.ArrayProperty(w, T, WeightGrad, $"Gradient of the loss with respect to <see cref=\"{Weight}\"/>, accumulated by every Backward.", zeros);
            if (c.HasBias)
            {
                allocations.ArrayProperty(w, T, BiasGrad, $"Gradient of the loss with respect to <see cref=\"{Bias}\"/>, accumulated by every Backward.", zeros);
            }
            else
            {
                w.Line("// RMSNorm has no bias.");
                Absent(w, c, Bias, BiasGrad);
            }
        }

        private static void EmitRunningStatistics(IndentedWriter w, LayerContext c, Allocations allocations)
        {
            if (!c.Tracks)
            {
                w.Template($$"""
                    {{c.T}}[]? {{c.Names.MembersInterface}}.{{RunningMean}} => null;
                    {{c.T}}[]? {{c.Names.MembersInterface}}.{{RunningVar}} => null;
                    long {{c.Names.MembersInterface}}.{{NumBatchesTracked}}
                    {
                        get => 0;
                        set => {{Names.ShapeGuard}}.CheckNoRunningStatistics(value);
                    }

                    """);
                return;
            }

            string T = c.T;
            string per = c.Configuration.HasGroups ? "one per group" : "one per channel";
            string count = c.RunningCount.ToCode();
            allocations.ArrayProperty(w, T, RunningMean, $"Running mean, {per}; initialised to 0.", $"new {T}[{count}]");
            allocations.ArrayProperty(w, T, RunningVar, $"Running unbiased variance, {per}; initialised to 1.", $"{Names.Buffers}.Filled({count}, {c.Names.One})");
            w.Template($$"""
                /// <summary>Number of training batches the running statistics have seen.</summary>
                public long {{NumBatchesTracked}} { get; set; }

                """);
        }

        private static void EmitScratch(IndentedWriter w, LayerContext c, Allocations allocations)
        {
            string T = c.T;
            string buffers = CallBuffers.Type(c);
            w.Line("// The last training Forward's mean and 1/sqrt(var + eps) per statistic, for Backward, and two sums; eval mode rents its own.");
            allocations.Field(w, $"private readonly {buffers} {StatisticsField}", StatisticsField, $"new {buffers}({c.InitialStatisticCapacity.ToCode()})");
            if (c.Affine)
            {
                string zeros = $"new {T}[{c.ParameterCount.ToCode()}]";
                w.Line($"// This Backward's parameter gradients, added to {WeightGrad}{(c.HasBias ? $" and {BiasGrad}" : "")} once complete.");
                allocations.Field(w, $"private readonly {T}[] {WeightGradStepField}", WeightGradStepField, zeros);
                if (c.HasBias)
                {
                    allocations.Field(w, $"private readonly {T}[] {BiasGradStepField}", BiasGradStepField, zeros);
                }
            }

            w.Template($$"""
                // Backward's marks: a Forward ran; the last ran in eval mode (it keeps no statistics and writes only its output and, once
                // after a training call, these marks: Backward takes the statistics again{{(c.Tracks ? " from the running estimates" : " from the input")}}); a training Forward's extents.
                private bool {{HasForwardField}};
                private bool {{ForwardWasEvalField}};
                {{c.DimensionNames.RecordedField(ForwardShapePrefix)}}

                """);
        }

        private static void EmitResets(IndentedWriter w, LayerContext c)
        {
            string one = c.Names.One;
            string gradients = c.HasBias || !c.Affine ? $"<see cref=\"{WeightGrad}\"/> and <see cref=\"{BiasGrad}\"/>" : $"<see cref=\"{WeightGrad}\"/>";
            string zeroGrad = c.Affine ? $" => {Names.Buffers}.Clear({WeightGrad}, {(c.HasBias ? BiasGrad : "null")});" : " { }";
            string resetAffine = $"{Names.Buffers}.Reset({Weight}, {one}, {(c.HasBias ? Bias : "null")});";
            string resetParameters = c.Tracks && c.Affine
                ? $"\n{{\n\t{ResetRunningStats}();\n\t{resetAffine}\n}}"
                : c.Tracks ? $" => {ResetRunningStats}();" : c.Affine ? $" => {resetAffine}" : " { }";
            string resetRunning = c.Tracks
                ? $"\n{{\n\t{Names.Buffers}.Reset({RunningVar}, {one}, {RunningMean});\n\t{NumBatchesTracked} = 0;\n}}"
                : " { }";
            w.Template($$"""
                /// <summary>Sets {{gradients}} to zero.</summary>
                public void {{ZeroGrad}}(){{zeroGrad}}

                /// <summary>{{(c.HasBias || !c.Affine ? "γ = 1 and β = 0" : "γ = 1")}}{{(c.Tracks ? ", and the running statistics reset," : "")}} as a new layer.</summary>
                public void {{ResetParameters}}(){{resetParameters}}

                /// <summary>Running mean 0, running variance 1, no batches tracked.</summary>
                public void {{ResetRunningStats}}(){{resetRunning}}

                """);
        }

        // The interface's members for arrays the layer does not have, one after another.
        private static void Absent(IndentedWriter w, LayerContext c, params string[] names) => w.Template($$"""
            {{string.Concat(names.Select(name => $"{c.T}[]? {c.Names.MembersInterface}.{name} => null;\n"))}}

            """);
    }
}
