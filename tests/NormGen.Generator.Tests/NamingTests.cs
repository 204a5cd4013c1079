using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>Layers, scalers and weight normalisations whose names differ only in their containing type, arity or
    /// namespace are all generated, under distinct hint names, and compile.</summary>
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

        [Fact]
        public void SameNamedScalersInGenericContainersOfDifferentArityAreAllGenerated()
        {
            var run = GeneratorHarness.Run("""
                using NormGen;

                namespace Sample
                {
                    public partial class Network<T>
                    {
                        [StandardScaler(Layout = "NC", Axes = "N", Channels = 2)]
                        public partial class X { }
                    }

                    public partial class Network<T, U>
                    {
                        [StandardScaler(Layout = "NC", Axes = "N", Channels = 2)]
                        public partial class X { }
                    }

                    public partial class X
                    {
                        [Normalize(Layout = "NC", Axes = "N", Channels = 2)]
                        public partial class Scaler { }
                    }
                }
                """);

            Assert.Null(run.Exception);
            Assert.Equal(
                new[] { "Sample.Network{T,U}.X(Scaler).g.cs", "Sample.Network{T}.X(Scaler).g.cs", "Sample.X.Scaler.g.cs" },
                run.Sources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.True(run.OutputDiagnostics.IsEmpty, GeneratorHarness.Describe(run.OutputDiagnostics));
        }

        /// <summary>A random tree of namespaces and types: each type maybe generic (0 to 2 type parameters), named from a
        /// small pool so that names repeat across places and arities, and maybe carrying one of the three attributes.</summary>
        [Fact]
        public void RandomNestingsAritiesAndNamesNeverShareAHintName()
        {
            var names = new[] { "Norm", "Scaler", "WeightNorm", "Network", "Block" };
            var type = Gen.Select(Gen.Int[0, names.Length - 1], Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 2]);
            var trees = type.Array[1, 6].Array[1, 4];

            trees.Sample(
                tree =>
                {
                    var source = new StringBuilder();
                    int annotated = 0;
                    for (int ns = 0; ns < tree.Length; ns++)
                    {
                        source.Append("namespace N").Append(ns % 2).Append(".Inner").Append(ns).Append("\n{\n");
                        var path = new List<string>();
                        var seen = new HashSet<string>();
                        foreach (var (name, arity, attribute, nest) in tree[ns])
                        {
                            // A type nests in the one before it, or (nest 0) closes back to the namespace.
                            if (path.Count > 0 && nest == 0)
                            {
                                source.Append('}', path.Count).Append('\n');
                                path.Clear();
                            }

                            // C# forbids a nested type named like the type around it, and two types of one name and arity in one place.
                            string key = string.Join("/", path) + "/" + names[name] + "`" + arity;
                            if ((path.Count > 0 && path[path.Count - 1].StartsWith(names[name] + "`", StringComparison.Ordinal)) || !seen.Add(key))
                            {
                                continue;
                            }

                            string parameters = arity == 0 ? "" : "<" + string.Join(", ", Enumerable.Range(0, arity).Select(i => "T" + path.Count + i)) + ">";
                            source.Append(Attribute(attribute)).Append("public partial class ").Append(names[name]).Append(parameters).Append(" {\n");
                            annotated += attribute > 0 ? 1 : 0;
                            path.Add(names[name] + "`" + arity);
                        }

                        source.Append('}', path.Count).Append("\n}\n");
                    }

                    var run = GeneratorHarness.Run(source.ToString());
                    Assert.Null(run.Exception);
                    Assert.True(annotated == run.Sources.Length, source + "\n" + string.Join("\n", run.Sources.Select(s => s.HintName)));
                    Assert.Equal(annotated, run.Sources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
                    Assert.True(run.OutputDiagnostics.IsEmpty, source + "\n" + GeneratorHarness.Describe(run.OutputDiagnostics));
                },
                iter: 40);
        }

        private static string Attribute(int kind) => kind switch
        {
            1 => "[NormGen.Normalize(Axes = \"N\", Channels = 2)] ",
            2 => "[NormGen.StandardScaler(Layout = \"NC\", Axes = \"N\", Channels = 2)] ",
            3 => "[NormGen.WeightNormalize(Shape = new[] { 2, 3 })] ",
            _ => "",
        };
    }
}
