namespace NormGen.Generator.Emitting
{
    /// <summary>Small pieces of kernel methods that several emitters write the same way.</summary>
    internal static class KernelSnippets
    {
        /// <summary><c>ref float mean = ref MemoryMarshal.GetArrayDataReference(buffers.Mean);</c> for each of the
        /// statistic arrays named (<c>_mean</c>, <c>_invStd</c>, <c>_sum</c>, <c>_sumXhat</c>) in the kernel's buffers.</summary>
        public static void DeclareStatistics(IndentedWriter w, LayerContext c, params string[] fields)
        {
            foreach (var field in fields)
            {
                DeclareArray(w, c, field.TrimStart('_'), CallBuffers.Array(field));
            }
        }

        public static void DeclareArray(IndentedWriter w, LayerContext c, string local, string array) =>
            w.Line($"ref {c.T} {local} = ref {Names.MemoryMarshal}.GetArrayDataReference({array});");

        /// <summary>The locals of statistics merged from parts (runs or chunks): mean, invStd, sum, the pivots, the merged
        /// counts, the statistic count (unless <paramref name="withStatisticCount"/> is false) and the values per statistic.</summary>
        public static void DeclareMergeState(IndentedWriter w, LayerContext c, bool withStatisticCount = true)
        {
            DeclareStatistics(w, c, "_mean", "_invStd", "_sum", "_pivots");
            DeclareArray(w, c, "merged", CallBuffers.Array("_mergedCounts"));
            if (withStatisticCount)
            {
                w.Line($"int statistics = {c.StatisticCount.ToCode()};");
            }

            w.Line($"{c.T} count = {c.ValuesPerStatistic.ToCode()};");
        }

        /// <summary>invStd[s] = 1 / sqrt(sum[s] / count + eps), the division written as <paramref name="perValue"/>.</summary>
        public static string InvStd(LayerContext c, string s, string perValue = " / count") =>
            $"{At("invStd", s)} = {c.Names.One} / {c.Names.MathType}.Sqrt({At("sum", s)}{perValue} + {c.Names.Literal(c.Configuration.Epsilon)});";

        /// <summary>The end of a statistic merged relative to its pivot (see <see cref="DeclareMergeState"/>): the mean
        /// back from the pivot's frame, then invStd from the merged m2 in sum.</summary>
        public static void FinishMergedStatistic(IndentedWriter w, LayerContext c, string s)
        {
            w.Line($"{At("mean", s)} += {At("pivots", s)};");
            w.Line(InvStd(c, s));
        }

        /// <summary>Declares <c>inverseCount</c> = 1 / values per statistic, for the kernels that finish one statistic at
        /// a time: there a division per statistic sits on the path to its normalisation (or gradient), and a
        /// multiplication is several times quicker (the result differs from the division by at most an ulp).</summary>
        public static void DeclareInverseCount(IndentedWriter w, LayerContext c) =>
            w.Line($"{c.T} inverseCount = {c.Names.One} / ({c.ValuesPerStatistic.ToCode()});");

        /// <summary>Declares <c>lanes</c>, the vector width, once for the kernel's vector loops (<see cref="VectorLoop.Emit(IndentedWriter, RunBases)"/>).</summary>
        public static void DeclareLanes(IndentedWriter w, LayerContext c) => w.Line($"int lanes = {c.Names.VectorT}.Count;");

        /// <summary>A loop; a body of one statement goes without braces, on the header's line when it fits there.</summary>
        public static void Loop(IndentedWriter w, string header, System.Action<IndentedWriter> body)
        {
            var inner = new IndentedWriter();
            body(inner);
            string text = inner.ToString();
            if (text.IndexOf('\n') != text.Length - 1)
            {
                using (w.Block(header))
                {
                    w.Lines(text);
                }

                return;
            }

            string statement = text.Substring(0, text.Length - 1);
            if (LineWrapper.Fits(w.Depth, header.Length + 1 + statement.Length))
            {
                w.Line($"{header} {statement}");
            }
            else
            {
                w.Line(header);
                w.Line($"\t{statement}");
            }
        }

        /// <summary><c>[MethodImpl(NoInlining)]</c> on a kernel: one whose runs are runtime calls is short enough in IL for the
        /// JIT to inline it into the public method, where its loops compiled worse (docs/benchmarks.md, issue 17).</summary>
        public static void NotInlined(IndentedWriter w) =>
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");

        /// <summary>The runtime's reductions over one contiguous run, and the sum in registers they add into.</summary>
        public const string RunSums = "global::NormGen.Runtime.RunSums", RunSum = "global::NormGen.Runtime.RunSum";

        /// <summary>The runtime's element-wise passes over one contiguous run.</summary>
        public const string RunMaps = "global::NormGen.Runtime.RunMaps";

        /// <summary>The reference a run starting at <paramref name="input"/> in <paramref name="tensor"/> is handed to the
        /// runtime's run reductions as.</summary>
        public static string RunStart(string input, string tensor = "x") => input == "0" ? $"ref {tensor}" : $"ref {At(tensor, input)}";

        /// <summary>"dz = dy * act'(z), z = xhat * weight + bias" as the comments on a backward kernel write it.</summary>
        public static string ActivationGradient(LayerContext c) =>
            $"dz = dy * {ActivationCalls.Describe(c.Activation)}'(z), z = xhat{(c.Affine ? c.HasBias ? " * weight + bias" : " * weight" : "")}";

        /// <summary>Removes the vector aliases (<see cref="Names.WriteAliases"/>) from a finished file that no longer names
        /// them: a layer whose every run is a runtime call (all extents fixed, say) writes no vector code of its own.</summary>
        public static void DropUnusedVectorAliases(IndentedWriter w, Names names)
        {
            var text = w.Buffer;
            foreach (string alias in new[] { names.VectorT, Names.Vector })
            {
                string line = $"using {alias} = ";
                int at = w.IndexOf(line, 0);
                if (at < 0 || IsNamed(w, alias, at + line.Length))
                {
                    continue;
                }

                int start = at;
                while (start > 0 && text[start - 1] == '\t')
                {
                    start--;
                }

                int end = w.IndexOf("\n", at) + 1;
                text.Remove(start, end - start);
            }
        }

        /// <summary>Whether the text names <paramref name="name"/> (not as the start of a longer name) from <paramref name="from"/> on.</summary>
        private static bool IsNamed(IndentedWriter w, string name, int from)
        {
            var text = w.Buffer;
            for (int at = w.IndexOf(name, from); at >= 0; at = w.IndexOf(name, at + 1))
            {
                int next = at + name.Length;
                if (next == text.Length || !(char.IsLetterOrDigit(text[next]) || text[next] == '_'))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The shared array pool of <paramref name="T"/>, where kernels rent the arrays of their partial results.</summary>
        public static string Pool(string T) => $"global::System.Buffers.ArrayPool<{T}>.Shared";

        /// <summary><c>Vector.LoadUnsafe(ref array, (nuint)(index))</c>.</summary>
        public static string LoadVector(string array, string index, bool zeroExtend = false) =>
            $"{Names.Vector}.LoadUnsafe(ref {array}, {Offset(index, zeroExtend)})";

        /// <summary><c>Vector.StoreUnsafe(value, ref array, (nuint)(index));</c></summary>
        public static string StoreVector(string value, string array, string index, bool zeroExtend = false) =>
            $"{Names.Vector}.StoreUnsafe({value}, ref {array}, {Offset(index, zeroExtend)});";

        /// <summary>An element offset for a vector load or store: <c>(nuint)(index)</c>, or <c>(nuint)(uint)(index)</c>,
        /// which costs no instruction where the JIT cannot tell that the index is not negative.</summary>
        public static string Offset(string index, bool zeroExtend) => zeroExtend ? $"(nuint)(uint)({index})" : $"(nuint)({index})";

        /// <summary><c>Unsafe.Add(ref array, index)</c>.</summary>
        public static string At(string array, string index) =>
            $"{Names.Unsafe}.Add(ref {array}, {(index.StartsWith("0 + ", System.StringComparison.Ordinal) ? index.Substring(4) : index)})";
    }
}
