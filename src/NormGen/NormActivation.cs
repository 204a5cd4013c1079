namespace NormGen
{
    /// <summary>The activation a layer applies after its affine, in the same pass that writes the output
    /// (<see cref="NormalizeAttribute.Activation"/>). Each is PyTorch's module of the same name.</summary>
    public enum NormActivation
    {
        /// <summary>No activation: <c>y = norm(x) * weight + bias</c>.</summary>
        None = 0,

        /// <summary><c>nn.ReLU</c>: <c>max(z, 0)</c>; its gradient is 0 where <c>z &lt;= 0</c>.</summary>
        Relu = 1,

        /// <summary><c>nn.SiLU</c> (Swish): <c>z * sigmoid(z)</c>.</summary>
        Silu = 2,

        /// <summary><c>nn.GELU()</c>: <c>0.5 * z * (1 + erf(z / sqrt(2)))</c>, the exact Gaussian CDF.</summary>
        Gelu = 3,

        /// <summary><c>nn.GELU(approximate='tanh')</c>: <c>0.5 * z * (1 + tanh(sqrt(2 / pi) * (z + 0.044715 * z^3)))</c>.</summary>
        GeluTanh = 4,
    }
}
