namespace NormGen
{
    /// <summary>Where a layer adds a residual tensor <c>r</c> of the input's shape (<see cref="NormalizeAttribute.Residual"/>),
    /// in the same call as the normalisation.</summary>
    public enum NormResidual
    {
        /// <summary>No residual: <c>y = act(norm(x))</c>.</summary>
        None = 0,

        /// <summary>After the affine, before the activation: <c>y = act(norm(x) + r)</c>, as a ResNet block's
        /// <c>out = bn2(conv2(...)); out += identity; relu(out)</c>. <c>Backward</c> returns the residual's gradient
        /// <c>dr = dy * act'(z)</c>, <c>z = norm(x) + r</c> (with no activation, <c>dr</c> is <c>dy</c> itself).</summary>
        BeforeActivation = 1,

        /// <summary>Before the normalisation: <c>s = x + r</c>, <c>y = act(norm(s))</c>, with <c>s</c> written for the next
        /// block (a transformer's residual stream; ONNX Runtime's <c>SkipLayerNormalization</c>). <c>Backward</c> returns
        /// <c>ds</c>, which is the gradient of <c>x</c> and of <c>r</c> alike.</summary>
        BeforeNorm = 2,
    }
}
