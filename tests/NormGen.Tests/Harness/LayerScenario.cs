using System;
using System.Linq;
using System.Numerics;
using Xunit;

namespace NormGen.Tests.Harness
{
    /// <summary>A check written once for both element types.</summary>
    public interface ILayerScenario
    {
        void Run<T>(LayerHarness<T> harness)
            where T : unmanaged, IFloatingPointIeee754<T>;
    }

    /// <summary>Runs scenarios on declared layers and lists the layers as theory data.</summary>
    public static class LayerScenario
    {
        /// <summary>Runs <paramref name="scenario"/> on a harness of the layer, with the shape of <paramref name="extents"/>
        /// or the layer's default test shape.</summary>
        public static void Run(string layerName, ILayerScenario scenario, int[]? extents = null)
        {
            var declared = DeclaredLayer.Named(layerName);
            if (declared.ElementType == typeof(float))
            {
                scenario.Run(new LayerHarness<float>(declared, extents));
            }
            else if (declared.ElementType == typeof(double))
            {
                scenario.Run(new LayerHarness<double>(declared, extents));
            }
            else
            {
                throw new InvalidOperationException($"{layerName}: unexpected element type {declared.ElementType}.");
            }
        }

        public static TheoryData<string> All => Where(_ => true);

        public static TheoryData<string> Doubles => Where(layer => layer.ElementType == typeof(double));

        public static TheoryData<string> Floats => Where(layer => layer.ElementType == typeof(float));

        public static TheoryData<string> WithRunningStats => Where(layer => layer.Spec.TrackRunningStats);

        private static TheoryData<string> Where(Func<DeclaredLayer, bool> predicate)
        {
            var data = new TheoryData<string>();
            foreach (var name in DeclaredLayer.All.Values.Where(predicate).Select(layer => layer.Name).Order(StringComparer.Ordinal))
            {
                data.Add(name);
            }

            return data;
        }
    }
}
