using System;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>Softmax cross-entropy averaged over the batch (PyTorch's <c>CrossEntropyLoss</c> on logits).</summary>
    public static class SoftmaxCrossEntropy
    {
        /// <summary>Returns the mean loss and writes dL/dlogits = (softmax − one-hot) / batch into <paramref name="logitsGrad"/>
        /// (pass an empty span to skip it).</summary>
        public static float Loss(ReadOnlySpan<float> logits, ReadOnlySpan<byte> labels, Span<float> logitsGrad, int batch, int classes)
        {
            double total = 0;
            for (int n = 0; n < batch; n++)
            {
                var row = logits.Slice(n * classes, classes);
                float max = float.NegativeInfinity;
                foreach (float v in row)
                {
                    max = MathF.Max(max, v);
                }

                double sum = 0;
                foreach (float v in row)
                {
                    sum += Math.Exp(v - max);
                }

                double logSum = Math.Log(sum) + max;
                total += logSum - row[labels[n]];
                if (!logitsGrad.IsEmpty)
                {
                    for (int k = 0; k < classes; k++)
                    {
                        double probability = Math.Exp(row[k] - logSum);
                        logitsGrad[n * classes + k] = (float)((probability - (k == labels[n] ? 1 : 0)) / batch);
                    }
                }
            }

            return (float)(total / batch);
        }

        /// <summary>The index of the largest logit of each sample (the first on ties).</summary>
        public static int ArgMax(ReadOnlySpan<float> row)
        {
            int best = 0;
            for (int k = 1; k < row.Length; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            return best;
        }
    }
}
