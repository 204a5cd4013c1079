using System;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// A normalisation written by hand, as a user without NormGen would: the training forward (batch statistics, running
/// statistics updated where the layer has them), the eval forward (running statistics where the layer has them, else
/// batch statistics, as PyTorch) and the backward through the last training forward (input gradient written, γ and β
/// gradients accumulated).
/// </summary>
internal interface IHandWrittenLayer
{
    void ForwardTrain(ReadOnlySpan<float> x, Span<float> y);

    void ForwardEval(ReadOnlySpan<float> x, Span<float> y);

    void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx);
}
