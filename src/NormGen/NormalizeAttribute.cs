using System;
using System.Diagnostics;

namespace NormGen
{
    /// <summary>
    /// Declares a normalisation layer. The NormGen generator completes the annotated <c>partial</c> class
    /// with parameters, running statistics, <c>Forward</c> and <c>Backward</c> code specialised for exactly
    /// this layout, set of reduced axes, grouping and element type (<see cref="float"/>).
    /// </summary>
    /// <example>
    /// <code>
    /// [Normalize(Axes = "H,W", Groups = 8)]                        // GroupNorm(8, c): new BlockNorm(64)
    /// public partial class BlockNorm { }
    ///
    /// [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 64)]   // BatchNorm2d(64), the channel count a constant
    /// public partial class StemNorm { }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    [Conditional("NORMGEN_KEEP_ATTRIBUTES")]
    public class NormalizeAttribute : Attribute
    {
        /// <summary>Memory order of the axes, outermost first, for example <c>"NCHW"</c> or <c>"NHWC"</c>.
        /// Letters: <c>N</c> batch, <c>C</c> channels, <c>D</c>, <c>H</c>, <c>W</c> spatial, <c>L</c> length. <c>C</c> is required.
        /// When omitted, PyTorch's channels-first order: <c>N</c>, <c>C</c>, then the other letters <see cref="Axes"/> names in
        /// the order <c>D</c>, <c>H</c>, <c>W</c> (or <c>L</c>): <c>"N,H,W"</c> and <c>"H,W"</c> give <c>NCHW</c>, <c>"N"</c> and
        /// <c>"C"</c> give <c>NC</c>, <c>"N,L"</c> gives <c>NCL</c>, <c>"D,H,W"</c> gives <c>NCDHW</c>.</summary>
        public string Layout { get; set; } = "";

        /// <summary>The axes statistics are reduced over, comma separated, for example <c>"N,H,W"</c> (BatchNorm2d).</summary>
        public string Axes { get; set; } = "";

        /// <summary>Number of channel groups (GroupNorm); 0 for none. Channels of one group share statistics.</summary>
        public int Groups { get; set; }

        /// <summary>Number of channels (or features), folded into the generated code as a constant; or 0 (the default)
        /// to give it to the constructor, <c>new BlockNorm(64)</c>, as PyTorch's <c>nn.GroupNorm(8, 64)</c>.</summary>
        public int Channels { get; set; }

        /// <summary>Fixed batch size, or 0 to pass <c>batch</c> to every call.</summary>
        public int Batch { get; set; }

        /// <summary>Fixed sequence length, or 0 to pass <c>length</c> to every call.</summary>
        public int Length { get; set; }

        /// <summary>Fixed depth, or 0 to pass <c>depth</c> to every call.</summary>
        public int Depth { get; set; }

        /// <summary>Fixed height, or 0 to pass <c>height</c> to every call.</summary>
        public int Height { get; set; }

        /// <summary>Fixed width, or 0 to pass <c>width</c> to every call.</summary>
        public int Width { get; set; }

        /// <summary>Added to the variance (or, with <see cref="Center"/> false, to the mean square) before the square root.
        /// Default 1e-5; with <see cref="Center"/> false, the element type's machine epsilon (PyTorch's <c>nn.RMSNorm</c>
        /// with <c>eps=None</c>: 2^-23 for <see cref="float"/>, 2^-52 for <see cref="double"/>).</summary>
        public double Epsilon { get; set; } = 1e-5;

        /// <summary>Weight of the newest batch in the running statistics. Default 0.1.</summary>
        public double Momentum { get; set; } = 0.1;

        /// <summary>Use a cumulative moving average for the running statistics (PyTorch <c>momentum=None</c>).</summary>
        public bool CumulativeAverage { get; set; }

        /// <summary>Learnable <c>Weight</c> (γ) and <c>Bias</c> (β). Default true. With <see cref="Center"/> false,
        /// <c>Weight</c> alone (PyTorch's <c>nn.RMSNorm</c> has no bias).</summary>
        public bool Affine { get; set; } = true;

        /// <summary>Subtract the mean (default true). False gives RMSNorm, PyTorch's <c>nn.RMSNorm</c>:
        /// <c>y = x / sqrt(mean(x²) + eps) * weight</c> over the reduced axes, with no bias and no running statistics.
        /// <c>[Normalize(Layout = "NLC", Axes = "C", Center = false)]</c> with <c>new X(c)</c> is <c>nn.RMSNorm(c)</c>.</summary>
        public bool Center { get; set; } = true;

        /// <summary>An activation applied after the affine in the same pass that writes the output, with
        /// <c>Backward</c> through both: <c>y = act(norm(x) * weight + bias)</c>. Default <see cref="NormActivation.None"/>.
        /// <c>[Normalize(Axes = "N,H,W", Activation = NormActivation.Relu)]</c> is <c>nn.BatchNorm2d(c)</c> followed by
        /// <c>nn.ReLU()</c>.</summary>
        public NormActivation Activation { get; set; }

        /// <summary>A residual tensor of the input's shape added in the same call: after the affine and before the
        /// activation (<see cref="NormResidual.BeforeActivation"/>, <c>y = act(norm(x) + r)</c>, a ResNet block) or to the
        /// input before the normalisation (<see cref="NormResidual.BeforeNorm"/>, <c>s = x + r</c> written out and
        /// <c>y = act(norm(s))</c>, a transformer's residual stream). Default <see cref="NormResidual.None"/>.
        /// <c>Forward</c> and <c>Backward</c> gain overloads taking the residual (and the sum); the plain ones take r = 0.</summary>
        public NormResidual Residual { get; set; }

        /// <summary>Keep running statistics for eval mode. When not set: on when the batch axis is reduced and
        /// statistics are per channel or per group (BatchNorm), off otherwise.</summary>
        public bool TrackRunningStats { get; set; }
    }

    /// <summary>
    /// Declares a normalisation layer whose element type is <typeparamref name="T"/> (<see cref="float"/>, <see cref="double"/>
    /// or <see cref="System.Half"/>).
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>; or <see cref="System.Half"/>, whose
    /// layers keep their tensors in 16 bits and compute, and keep parameters, gradients and running statistics, in float.</typeparam>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    [Conditional("NORMGEN_KEEP_ATTRIBUTES")]
    public sealed class NormalizeAttribute<T> : NormalizeAttribute
        where T : unmanaged
    {
    }
}
