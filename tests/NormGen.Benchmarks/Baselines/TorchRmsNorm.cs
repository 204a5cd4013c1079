using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// PyTorch's <c>nn.RMSNorm(features)</c> (eps=None) for TorchSharp, which has no RMSNorm module: ATen's
/// <c>rms_norm</c> composed from tensor operations, <c>x * rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight</c> (the square as <c>square()</c>)
/// with eps the machine epsilon of float. Each operation is a libtorch kernel of its own, as in PyTorch's own
/// composite (CPU) implementation.
/// </summary>
internal sealed class TorchRmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    public TorchRmsNorm(long features)
        : base("RMSNorm")
    {
        weight = nn.Parameter(torch.ones(features));
        _eps = torch.finfo(ScalarType.Float32).eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        // square(), not pow(2): TorchSharp passes an integer exponent as a tensor, which libtorch takes element by element
        // through its general power kernel; ATen's rms_norm raises to a scalar 2, which libtorch computes as a square.
        using var squares = input.square();
        using var meanSquare = squares.mean([-1L], keepdim: true);
        using var shifted = meanSquare + _eps;
        using var inverseRms = shifted.rsqrt();
        using var normalized = input * inverseRms;
        return normalized * weight;
    }
}
