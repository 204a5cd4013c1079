using System;
using NormGen.Samples.QuickStart;

const int batch = 16, channels = Images.Channels, size = Images.Size, plane = size * size;
var random = new Random(42);
var targets = new float[batch];
float[] images = Images.Batch(random, batch, targets);

// 1. BatchNorm2d: every channel comes out with mean ≈ 0 and variance ≈ 1, whatever its raw scale.
var batchNorm = new ImageBatchNorm(channels);
var normalised = new float[images.Length];
batchNorm.Forward(images, normalised, batch, size, size);
Console.WriteLine("BatchNorm2d(4), per channel:      raw mean    raw var  ->  mean      var");
for (int c = 0; c < channels; c++)
{
    var (rawMean, rawVar) = ChannelStatistics(images, c);
    var (mean, variance) = ChannelStatistics(normalised, c);
    Console.WriteLine($"  channel {c}                     {rawMean,9:F3} {rawVar,10:F3}  -> {mean,7:F4} {variance,8:F4}");
}

// 2. GroupNorm(2, 4): each sample's group of two channels is normalised on its own.
var groupNorm = new ImageGroupNorm();
var grouped = new float[images.Length];
groupNorm.Forward(images, grouped, batch);
Console.WriteLine("GroupNorm(2, 4), sample 0:        mean      var");
for (int g = 0; g < 2; g++)
{
    var values = grouped.AsSpan(g * 2 * plane, 2 * plane);
    var (mean, variance) = Statistics(values);
    Console.WriteLine($"  group {g}                       {mean,7:F4} {variance,8:F4}");
}

// Backward: the gradient with respect to the input sums to zero over each group, because shifting a whole
// group does not change its normalised values.
var upstream = new float[images.Length];
for (int i = 0; i < upstream.Length; i++)
{
    upstream[i] = (float)(random.NextDouble() - 0.5);
}

var groupGrad = new float[images.Length];
groupNorm.Backward(images, upstream, groupGrad, batch);
Console.WriteLine($"  input gradient summed over group 0 of sample 0: {Sum(groupGrad.AsSpan(0, 2 * plane)):E1}; weight gradient of channel 0: {groupNorm.WeightGrad[0]:F4}");

// 3. A tiny model trained by gradient descent: BatchNorm2d -> average pool -> linear, predicting a value from the
//    raw images. Forward and Backward are generated; the loss falls as γ, β and the linear weights learn.
var linear = new float[channels];
float linearBias = 0f, learningRate = 0.2f;
var hidden = new float[images.Length];
var pooled = new float[batch * channels];
var hiddenGrad = new float[images.Length];
var inputGrad = new float[images.Length];
Console.WriteLine("Training BatchNorm2d -> pool -> linear (mean squared error):");
for (int step = 0; step <= 100; step++)
{
    batchNorm.Forward(images, hidden, batch, size, size);

    float loss = 0f;
    var linearGrad = new float[channels];
    float linearBiasGrad = 0f;
    for (int n = 0; n < batch; n++)
    {
        float prediction = linearBias;
        for (int c = 0; c < channels; c++)
        {
            var (mean, _) = Statistics(hidden.AsSpan((n * channels + c) * plane, plane));
            pooled[n * channels + c] = mean;
            prediction += linear[c] * mean;
        }

        float error = prediction - targets[n];
        loss += error * error / batch;
        float predictionGrad = 2f * error / batch;
        linearBiasGrad += predictionGrad;
        for (int c = 0; c < channels; c++)
        {
            linearGrad[c] += predictionGrad * pooled[n * channels + c];
            hiddenGrad.AsSpan((n * channels + c) * plane, plane).Fill(predictionGrad * linear[c] / plane);
        }
    }

    batchNorm.ZeroGrad();
    batchNorm.Backward(images, hiddenGrad, inputGrad, batch, size, size);
    Step(batchNorm.Weight, batchNorm.WeightGrad, learningRate);
    Step(batchNorm.Bias, batchNorm.BiasGrad, learningRate);
    Step(linear, linearGrad, learningRate);
    linearBias -= learningRate * linearBiasGrad;

    if (step % 20 == 0)
    {
        Console.WriteLine($"  step {step,3}: loss {loss:F5}");
    }
}

// 4. Input scaling: a Z-score fitted over two half batches equals one fit over all of them.
var standardizer = new ImageStandardizer();
standardizer.Fit(images.AsSpan(0, 8 * channels * plane), 8, size, size);
standardizer.Fit(images.AsSpan(8 * channels * plane), batch - 8, size, size);
var standardized = new float[images.Length];
standardizer.Transform(images, standardized, batch, size, size);
var (zMean, zVariance) = ChannelStatistics(standardized, 0);
Console.WriteLine($"StandardScaler, channel 0: fitted mean {standardizer.Mean[0]:F2}, std {MathF.Sqrt(standardizer.Variance[0]):F2} -> mean {zMean:F4}, var {zVariance:F4}");

// 5. Weight normalisation: w = g * v / ||v||, initialised from the trained linear head.
var head = new HeadWeight();
head.InitializeFrom(linear);
var headWeight = new float[channels];
head.ComputeWeight(headWeight);
head.Backward(new float[] { 1f, 0f, 0f, 0f });
Console.WriteLine($"WeightNormalize: g = ||w|| = {head.G[0]:F4}; w recomputed = [{string.Join(", ", Array.ConvertAll(headWeight, v => v.ToString("F3")))}]; dL/dg for dL/dw = e0: {head.GGrad[0]:F4}");

batchNorm.Training = false;
batchNorm.Forward(images, hidden, batch, size, size);
Console.WriteLine($"Eval mode uses the running statistics ({batchNorm.NumBatchesTracked} batches): running mean of channel 0 = {batchNorm.RunningMean[0]:F2}");

(float Mean, float Variance) ChannelStatistics(float[] data, int channel)
{
    double sum = 0, squares = 0;
    for (int n = 0; n < batch; n++)
    {
        foreach (float v in data.AsSpan((n * channels + channel) * plane, plane))
        {
            sum += v;
        }
    }

    double mean = sum / (batch * plane);
    for (int n = 0; n < batch; n++)
    {
        foreach (float v in data.AsSpan((n * channels + channel) * plane, plane))
        {
            squares += (v - mean) * (v - mean);
        }
    }

    return ((float)mean, (float)(squares / (batch * plane)));
}

static (float Mean, float Variance) Statistics(ReadOnlySpan<float> values)
{
    double sum = 0, squares = 0;
    foreach (float v in values)
    {
        sum += v;
    }

    double mean = sum / values.Length;
    foreach (float v in values)
    {
        squares += (v - mean) * (v - mean);
    }

    return ((float)mean, (float)(squares / values.Length));
}

static float Sum(ReadOnlySpan<float> values)
{
    float total = 0f;
    foreach (float v in values)
    {
        total += v;
    }

    return total;
}

static void Step(float[] parameters, float[] gradients, float learningRate)
{
    for (int i = 0; i < parameters.Length; i++)
    {
        parameters[i] -= learningRate * gradients[i];
    }
}
