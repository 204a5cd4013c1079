using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCheck;

namespace NormGen.Analyzers.Tests
{
    /// <summary>Random <c>[WeightNormalize]</c> and scaler attributes for the agreement property: most start valid and are
    /// then changed, so both valid and invalid declarations are common.</summary>
    internal static class TransformSamples
    {
        private static readonly Gen<string> Shapes = Gen.Frequency<int[]>(
                (6, Gen.Int[1, 6].Array[1, 4]),
                (2, Gen.Int[-1, 3].Array[0, 3]),
                (1, Gen.Const(new[] { 65536, 65536 })))
            .Select(extents => "Shape = new int[] { " + string.Join(", ", extents.Select(Format)) + " }");

        public static readonly Gen<(string Attribute, string Arguments)> WeightNorms = Gen.Select(
            Gen.Frequency<string>((6, "WeightNormalize"), (2, "WeightNormalize<double>"), (1, "WeightNormalize<float>"), (1, "WeightNormalize<int>")),
            Optional(8, Shapes),
            Optional(2, Gen.Int[-5, 4].Select(dim => "Dim = " + Format(dim))),
            Optional(1, Gen.OneOf("1e-12", "0.0", "1e-5", "-1.0", "double.NaN", "double.PositiveInfinity").Select(e => "Epsilon = " + e)),
            (attribute, shape, dim, epsilon) => (attribute, Join(shape, dim, epsilon)));

        /// <summary>Configurations every scaler accepts, with the fixed extents of the axes they keep.</summary>
        private static readonly Gen<(string Name, string Value)[]> ScalerBases = Gen.OneOf(
            Base("NC", "N"), Base("NCHW", "N,H,W"), Base("NHWC", "N, H, W"), Base("NCL", "N,L"), Base("NLC", "N", ("Length", "8")),
            Base("NCHW", "N", ("Height", "4"), ("Width", "4")), Base("NCDHW", "N,D,H,W"), Base("LNC", "L,N", ("Batch", "2")));

        private static readonly Gen<(string Name, string Value)> SharedChanges = Gen.OneOf<(string Name, string Value)>(
            Gen.Frequency<string>(
                (4, Gen.OneOf("NC", "NCL", "NLC", "NCHW", "NHWC", "NCDHW")),
                (1, Gen.OneOf("NCHX", "nchw", "NHW", "NCHH", "", "C", "CN"))).Select(v => ("Layout", "\"" + v + "\"")),
            Gen.Frequency<string>(
                (4, Gen.OneOf("N", "N,H,W", "H,W", "C", "N,L", "L", "N,D,H,W", "N,C")),
                (1, Gen.OneOf("", "X", "HW", "N,N", " , "))).Select(v => ("Axes", "\"" + v + "\"")),
            Int("Channels", -1, 8),
            Int("Batch", -1, 3),
            Int("Length", -1, 3),
            Int("Depth", -1, 2),
            Int("Height", -1, 3),
            Int("Width", -1, 3));

        private static readonly Gen<(string Name, string Value)> MinMaxChanges = Gen.OneOf<(string Name, string Value)>(
            SharedChanges,
            Gen.OneOf("0.0", "-1.0", "1.0", "2.0", "double.NaN", "double.NegativeInfinity").Select(v => ("FeatureRangeMin", v)),
            Gen.OneOf("1.0", "0.0", "-1.0", "double.PositiveInfinity").Select(v => ("FeatureRangeMax", v)),
            Gen.Bool.Select(v => ("Clip", v ? "true" : "false")));

        public static readonly Gen<(string Attribute, string Arguments)> Scalers = Gen.Select(
            Gen.OneOf("MinMaxScaler", "StandardScaler"),
            Gen.Frequency<string>((6, ""), (2, "<double>"), (1, "<float>"), (1, "<int>")),
            ScalerBases,
            Gen.OneOf(3, 4, 8),
            Gen.Frequency<int>((3, 0), (4, 1), (3, 2)),
            (kind, form, start, channels, count) => (kind, form, start, channels, count))
            .SelectMany(s => (s.kind == "MinMaxScaler" ? MinMaxChanges : SharedChanges).Array[s.count]
                .Select(changes => (s.kind + s.form, Apply(s.start, s.channels, changes))));

        private static string Apply((string Name, string Value)[] start, int channels, (string Name, string Value)[] changes)
        {
            var arguments = new List<(string Name, string Value)>(start) { ("Channels", Format(channels)) };
            foreach (var (name, value) in changes)
            {
                arguments.RemoveAll(a => a.Name == name);
                arguments.Add((name, value));
            }

            return string.Join(", ", arguments.Select(a => a.Name + " = " + a.Value));
        }

        private static (string Name, string Value)[] Base(string layout, string axes, params (string Name, string Value)[] extra) =>
            new[] { ("Layout", "\"" + layout + "\""), ("Axes", "\"" + axes + "\"") }.Concat(extra).ToArray();

        /// <summary>The argument in <paramref name="weight"/> of every <paramref name="weight"/> + 1 samples, else left out ("").</summary>
        private static Gen<string> Optional(int weight, Gen<string> argument) =>
            Gen.Frequency<string>((weight, argument), (1, Gen.Const("")));

        private static string Join(params string[] arguments) => string.Join(", ", arguments.Where(a => a.Length > 0));

        private static Gen<(string Name, string Value)> Int(string name, int low, int high) =>
            Gen.Int[low, high].Select(v => (name, Format(v)));

        private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
