using System;
using System.Collections.Generic;
using NormGen.Samples.FashionMnist.Nn;
using NormGen.Samples.FashionMnist.Normalization;

namespace NormGen.Samples.FashionMnist.Training
{
    public enum Architecture
    {
        /// <summary>conv(1→w) norm act pool, conv(w→2w) norm act pool, linear(2w·7·7→10).</summary>
        Small,

        /// <summary>Three convs of w at 28 × 28, pool, three convs of 2w at 14 × 14, pool, linear: seven weight
        /// layers, each conv followed by norm and act.</summary>
        Deep,
    }

    /// <summary>Builds the networks: every convolution followed by its normalisation (none for <see cref="NormKind.None"/>
    /// and <see cref="NormKind.WeightNorm"/>, whose normalisation is on the conv and linear weights) and the activation.</summary>
    public static class Models
    {
        public const int Classes = 10;

        public static Network Build(Architecture architecture, int width, NormKind norm, ActivationFunction activation, Random random)
        {
            var layers = new List<ILayer>();
            var shape = new Shape(1, 28, 28);
            int[] stages = architecture == Architecture.Small ? new[] { 1, 1 } : new[] { 3, 3 };
            int conv = 0;
            for (int stage = 0; stage < stages.Length; stage++)
            {
                int channels = width << stage;
                for (int i = 0; i < stages[stage]; i++)
                {
                    conv++;
                    var weightNorm = norm == NormKind.WeightNorm ? NormFactory.Weight(channels, shape.Channels, 3, 3) : null;
                    var convolution = new Conv2d($"conv{conv}", shape, channels, random, weightNorm);
                    layers.Add(convolution);
                    shape = convolution.OutputShape;
                    if (norm is not (NormKind.None or NormKind.WeightNorm))
                    {
                        layers.Add(new NormLayer($"norm{conv}", shape, NormFactory.Layer(norm, shape)));
                    }

                    layers.Add(new Activation($"act{conv}", shape, activation));
                }

                var pool = new MaxPool2d($"pool{stage + 1}", shape);
                layers.Add(pool);
                shape = pool.OutputShape;
            }

            var headNorm = norm == NormKind.WeightNorm ? NormFactory.Weight(Classes, shape.Size) : null;
            layers.Add(new Linear("fc", shape, Classes, random, headNorm));
            return new Network(layers);
        }
    }
}
