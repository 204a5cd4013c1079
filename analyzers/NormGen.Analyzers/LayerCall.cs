using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>One extent of the shape at a call: fixed in the attribute, a constant argument, a constant the visible
    /// construction gave the constructor, or unknown. <see cref="Argument"/> is the call's argument, if the call has one
    /// for this extent (for a constructor's extents, the argument of the constructor).</summary>
    internal sealed record CallExtent(LayoutAxis Axis, int? Value, IArgumentOperation? Argument)
    {
        public bool IsKnown => Value is not null;

        public string Describe() => Axis.Axis.Letter() + " = " + Value;
    }

    /// <summary>
    /// A call of a generated fast overload, <c>Forward(input, output, dims…)</c> or
    /// <c>Backward(input, outputGrad, inputGrad, dims…)</c>, matched against the layer's configuration.
    /// </summary>
    internal sealed class LayerCall
    {
        private LayerCall(LayerConfiguration configuration, string method, IArgumentOperation[] spans, CallExtent[] extents)
        {
            Configuration = configuration;
            Method = method;
            Spans = spans;
            Extents = extents;
        }

        public LayerConfiguration Configuration { get; }

        /// <summary><c>Forward</c> or <c>Backward</c>.</summary>
        public string Method { get; }

        public IArgumentOperation[] Spans { get; }

        /// <summary>Every axis of the layout, in layout order.</summary>
        public CallExtent[] Extents { get; }

        public bool IsForward => Method == "Forward";

        /// <summary>The call as a generated fast overload of <paramref name="configuration"/>, or null when the
        /// method is not one (the shape-span overload, or a method of the user's own). Extents given to the constructor
        /// are taken from <paramref name="constructed"/>, the constants of the visible construction, and unknown without.</summary>
        public static LayerCall? Match(IInvocationOperation invocation, LayerConfiguration configuration, IReadOnlyDictionary<Axis, int> constructed)
        {
            var method = invocation.TargetMethod;
            int spanCount = method.Name switch
            {
                "Forward" => 2,
                "Backward" => 3,
                _ => 0,
            };
            var perCall = configuration.PerCallAxes;
            if (spanCount == 0 || method.Parameters.Length != spanCount + perCall.Length)
            {
                return null;
            }

            for (int i = 0; i < perCall.Length; i++)
            {
                var parameter = method.Parameters[spanCount + i];
                if (parameter.Type.SpecialType != SpecialType.System_Int32 || parameter.Name != perCall[i].Axis.ParameterName())
                {
                    return null;
                }
            }

            var byOrdinal = new Dictionary<int, IArgumentOperation>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not null)
                {
                    byOrdinal[argument.Parameter.Ordinal] = argument;
                }
            }

            var spans = Enumerable.Range(0, spanCount).Where(byOrdinal.ContainsKey).Select(i => byOrdinal[i]).ToArray();
            var extents = configuration.Layout.Select(axis =>
            {
                if (axis.IsFixed)
                {
                    return new CallExtent(axis, axis.FixedExtent, null);
                }

                if (axis.AtConstruction)
                {
                    return new CallExtent(axis, constructed.TryGetValue(axis.Axis, out int given) ? given : null, null);
                }

                int ordinal = spanCount + System.Array.IndexOf(perCall, axis);
                byOrdinal.TryGetValue(ordinal, out var argument);
                var constant = argument?.Value.ConstantValue;
                int? value = constant is { HasValue: true, Value: int v } ? v : null;
                return new CallExtent(axis, value, argument);
            }).ToArray();
            return new LayerCall(configuration, method.Name, spans, extents);
        }
    }
}
