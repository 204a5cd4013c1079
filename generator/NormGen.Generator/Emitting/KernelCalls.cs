using System;
using System.Collections.Generic;
using System.Linq;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// A private kernel's declaration, its calls and its <c>OnThreads</c> twin, all written from its
    /// <see cref="KernelSignature"/> in the plan, so that they cannot disagree. A call passes each parameter the local
    /// of the same name unless told otherwise; the twin takes each tensor as the public methods' span of it.
    /// </summary>
    internal static class KernelCalls
    {
        /// <summary><c>private void Normalize(ref float x, ref float y, StatisticBuffers&lt;float&gt; buffers, int batch)</c>.</summary>
        public static string Declaration(LayerContext c, KernelSignature kernel) =>
            $"private void {kernel.Name}({string.Join(", ", kernel.Parameters.Select(p => Parameter(c, p)))})";

        /// <summary><c>Normalize(ref x, ref y, buffers, batch);</c>, the parameters named in <paramref name="arguments"/>
        /// given those values instead of their own names.</summary>
        public static string Call(LayerContext c, KernelSignature kernel, params (string Parameter, string Value)[] arguments) =>
            $"{kernel.Name}({string.Join(", ", kernel.Parameters.Select(p => Argument(c, p, arguments)))});";

        /// <summary>A call over the whole of the kernel's split loop (<c>0, SplitExtent</c>) or all of its rows (slice 0 of 1).</summary>
        public static string CallWhole(LayerContext c, KernelSignature kernel, params (string Parameter, string Value)[] arguments) =>
            Call(c, kernel, arguments.Concat(new[] { ("start", "0"), ("end", c.SplitExtent), ("slice", "0"), ("slices", "1") }).ToArray());

        /// <summary><see cref="CallWhole"/>, or its <c>OnThreads</c> twin when the kernel has one and the call is large enough.</summary>
        public static string CallOnThreadsWhenLarge(LayerContext c, KernelSignature kernel) =>
            kernel.HasOnThreadsTwin
                ? ThreadCalls.OnThreadsWhenLarge(c, kernel.Name, string.Join(", ", Tensors(kernel).Select(p => SpanName(p.Name))), CallWhole(c, kernel))
                : CallWhole(c, kernel);

        /// <summary>The <c>OnThreads</c> twin: the runtime gives each thread a range of the split loop (or a slice of the rows),
        /// with the tensors as its input, second input and output.</summary>
        public static void EmitOnThreads(IndentedWriter w, LayerContext c, KernelSignature kernel)
        {
            var tensors = Tensors(kernel);
            var read = tensors.Where(p => p.Kind == KernelParameterKind.Input).ToList();
            var written = tensors.Where(p => p.Kind == KernelParameterKind.Output).ToList();
            if (read.Count > 2 || written.Count > 1)
            {
                throw new InvalidOperationException($"{kernel.Name} reads {read.Count} and writes {written.Count} tensors; threads hand a kernel at most two and one.");
            }

            string parameters = string.Join(", ", tensors.Select(p => $"{(p.Kind == KernelParameterKind.Input ? c.ReadOnlySpan : c.Span)} {SpanName(p.Name)}"));
            var runtimeTensors = new[] { read.ElementAtOrDefault(0), read.ElementAtOrDefault(1), written.ElementAtOrDefault(0) };
            string spans = string.Join(", ", runtimeTensors.Select(p => p is null ? "default" : SpanName(p.Name)));
            var lambdaNames = new[] { "input", "secondInput", "output" };
            var refs = tensors.Select(p => $"ref {lambdaNames[Array.IndexOf(runtimeTensors, p)]}");
            if (kernel.Parameters.Any(p => p.Name == "slice"))
            {
                RowSliceCalls.EmitOnThreads(w, c, kernel.Name, parameters, spans, string.Join(", ", refs));
            }
            else
            {
                ThreadCalls.EmitOnThreads(w, c, kernel.Name, parameters, spans, string.Join(", ", refs));
            }
        }

        /// <summary>The public methods' name of the span a kernel's tensor parameter points into.</summary>
        public static string SpanName(string tensor) => tensor switch
        {
            "x" => "input",
            "res" => "residual",
            "y" => "output",
            "dy" => "outputGrad",
            "dx" => "inputGrad",
            _ => throw new InvalidOperationException($"No public span stands for the kernel parameter {tensor}."),
        };

        private static List<KernelParameter> Tensors(KernelSignature kernel) => kernel.Parameters.Where(p => p.IsTensor).ToList();

        private static string Parameter(LayerContext c, KernelParameter p) => p.Kind switch
        {
            KernelParameterKind.Input or KernelParameterKind.Output => $"ref {c.Tensor} {p.Name}",
            KernelParameterKind.Int => $"int {p.Name}",
            _ => $"{CallBuffers.Type(c)} {p.Name}{c.DimensionParameters}",
        };

        private static string Argument(LayerContext c, KernelParameter p, (string Parameter, string Value)[] arguments)
        {
            string value = arguments.FirstOrDefault(a => a.Parameter == p.Name).Value ?? p.Name;
            return p.Kind switch
            {
                KernelParameterKind.Input or KernelParameterKind.Output => $"ref {value}",
                KernelParameterKind.Int => value,
                _ => $"{value}{c.DimensionArguments}",
            };
        }
    }
}
