using NormGen.Configuration;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The fused activation in generated code: calls to <c>NormGen.Runtime.Activations</c>, whose overloads take a scalar
    /// or a vector alike, so one expression serves a kernel's vector loop and its scalar tail. Forward applies
    /// <c>act</c> to the affine's result before the store; Backward recomputes the pre-activation
    /// <c>z = xhat * weight + bias</c> from x and the kept statistics and takes <c>dz = dy * act'(z)</c> in place of dy.
    /// </summary>
    internal static class ActivationCalls
    {
        /// <summary><paramref name="z"/> through the layer's activation (unchanged without one).</summary>
        public static LoopValue Apply(LayerContext c, LoopValue z) =>
            c.Activation == ActivationKind.None ? z : LoopValue.Call(Forward(c.Activation), z);

        /// <summary>dz = dy * act'(z).</summary>
        public static LoopValue Backward(LayerContext c, LoopValue z, LoopValue dy) => LoopValue.Call(Derivative(c.Activation), z, dy);

        /// <summary>The pre-activation from xhat, the weight and the bias (each null when the layer has none).</summary>
        public static LoopValue PreActivation(LoopValue xhat, LoopValue? weight, LoopValue? bias)
        {
            var scaled = weight is null ? xhat : xhat * weight;
            return bias is null ? scaled : scaled + bias;
        }

        /// <summary><see cref="Apply(LayerContext, LoopValue)"/> over code the channels-last rows write as text.</summary>
        public static string Apply(LayerContext c, string z) =>
            c.Activation == ActivationKind.None ? z : $"{Forward(c.Activation)}({z})";

        /// <summary><see cref="Backward(LayerContext, LoopValue, LoopValue)"/> over code the channels-last rows write as text.</summary>
        public static string Backward(LayerContext c, string z, string dy) => $"{Derivative(c.Activation)}({z}, {dy})";

        /// <summary>What follows the affine, for documentation comments: <c>"relu"</c> and so on.</summary>
        public static string Describe(ActivationKind activation) => activation switch
        {
            ActivationKind.Relu => "relu",
            ActivationKind.Silu => "silu",
            ActivationKind.Gelu => "gelu",
            _ => "gelu_tanh",
        };

        private static string Forward(ActivationKind activation) => $"{Names.Activations}.{Method(activation)}";

        private static string Method(ActivationKind activation) => activation switch
        {
            ActivationKind.Relu => "Relu",
            ActivationKind.Silu => "Silu",
            ActivationKind.Gelu => "Gelu",
            _ => "GeluTanh",
        };

        private static string Derivative(ActivationKind activation) => $"{Forward(activation)}Backward";
    }
}
