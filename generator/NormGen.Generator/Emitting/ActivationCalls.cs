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
        public static string Apply(LayerContext c, string z) =>
            c.Activation == ActivationKind.None ? z : Names.Activations + "." + Name(c.Activation) + "(" + z + ")";

        /// <summary>dz = dy * act'(z), as code.</summary>
        public static string Backward(LayerContext c, string z, string dy) =>
            Names.Activations + "." + Name(c.Activation) + "Backward(" + z + ", " + dy + ")";

        /// <summary>The pre-activation from xhat, the weight and the bias, as code (the names of those values).</summary>
        public static string PreActivation(LayerContext c, string xhat, string weight, string bias) =>
            !c.Affine ? xhat : xhat + " * " + weight + (c.HasBias ? " + " + bias : "");

        /// <summary>What follows the affine, for documentation comments: <c>"relu"</c> and so on.</summary>
        public static string Describe(ActivationKind activation) => activation switch
        {
            ActivationKind.Relu => "relu",
            ActivationKind.Silu => "silu",
            ActivationKind.Gelu => "gelu",
            _ => "gelu_tanh",
        };

        private static string Name(ActivationKind activation) => activation switch
        {
            ActivationKind.Relu => "Relu",
            ActivationKind.Silu => "Silu",
            ActivationKind.Gelu => "Gelu",
            _ => "GeluTanh",
        };
    }
}
