using System;
using System.Linq;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>Layers whose names differ only in their containing type, arity or namespace are all generated,
    /// under distinct hint names, and compile.</summary>
    public sealed class NamingTests
    {
        [Fact]
        public void SameNamedLayersInDifferentPlacesAreAllGenerated()
        {
            var run = GeneratorHarness.Run("""
                using NormGen;

                namespace Sample
                {
                    [Normalize(Layout = "NC", Axes = "N", Channels = 2)]
                    public partial class Norm { }

                    [Normalize(Layout = "NC", Axes = "N", Channels = 2)]
                    public partial class Norm<T> { }

                    public partial class Network
                    {
                        [Normalize(Layout = "NC", Axes = "N", Channels = 2)]
                        public partial class Norm { }
                    }

                    public partial class Network<T>
                    {
                        [Normalize(Layout = "NC", Axes = "N", Channels = 2)]
                        public partial class Norm { }
                    }

                    public partial class Network<TIn, TOut>
                    {
                        [Normalize(Layout = "NC", Axes = "N", Channels = 2)]
                        public partial class Norm { }
                    }
                }

                namespace Other
                {
                    [Normalize(Layout = "NC", Axes = "N", Channels = 2)]
                    public partial class Norm { }
                }
                """);

            Assert.Null(run.Exception);
            Assert.Equal(6, run.Sources.Length);
            Assert.Equal(6, run.Sources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.True(run.OutputDiagnostics.IsEmpty, GeneratorHarness.Describe(run.OutputDiagnostics));
        }
    }
}
