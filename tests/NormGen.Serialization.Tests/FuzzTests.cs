using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    /// <summary>
    /// Valid files mutated at random (bytes flipped anywhere, truncated, the header's JSON edited, the length field
    /// changed), read and loaded into a layer, a weight normalisation and a scaler whose state differs from the file's.
    /// Every case either throws <see cref="StateDictException"/> and leaves the object exactly as it was, or loads and
    /// leaves the object exactly as the tensors it read say; no other exception escapes. The seed is fixed, so a failure
    /// names a case that can be replayed.
    /// </summary>
    public class FuzzTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public FuzzTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        private const int CasesPerTarget = 4000;
        private const int MappedCasesPerTarget = 150;

        private sealed record Target(string Name, byte[] File, Func<object> Create, Action<object, StateDict> Load, Func<object, List<double>> Snapshot,
            Func<StateDict, List<double>> Expected);

        private static IEnumerable<Target> Targets()
        {
            var bn = new BatchNorm2d(4);
            TestData.Train(bn, new[] { 2, 4, 3, 3 }, 11);
            var bnState = bn.ToStateDict("layer1.bn");
            bnState.Metadata["format"] = "pt";
            yield return new Target("BatchNorm2d", TestData.ToBytes(bnState),
                () => { var l = new BatchNorm2d(4); TestData.Train(l, new[] { 2, 4, 3, 3 }, 12); return l; },
                (o, s) => ((BatchNorm2d)o).LoadStateDict(s, "layer1.bn"),
                o => TestData.Snapshot((BatchNorm2d)o),
                s => new[] { "weight", "bias", "running_mean", "running_var" }.SelectMany(k => s["layer1.bn." + k].ToSingleArray().Select(v => (double)v))
                    .Append(s["layer1.bn.num_batches_tracked"].ToInt64Array()[0]).ToList());

            var wn = new MiddleDimWeight();
            wn.InitializeFrom(TestData.RandomDouble(24, 13));
            var wnState = new StateDict();
            wn.SaveStateDict(wnState, "rnn");
            yield return new Target("weight norm", TestData.ToBytes(wnState),
                () => { var w = new MiddleDimWeight(); w.InitializeFrom(TestData.RandomDouble(24, 14)); return w; },
                (o, s) => ((MiddleDimWeight)o).LoadStateDict(s, "rnn"),
                o => ((MiddleDimWeight)o).G.Concat(((MiddleDimWeight)o).V).ToList(),
                s => s["rnn.parametrizations.weight.original0"].ToDoubleArray().Concat(s["rnn.parametrizations.weight.original1"].ToDoubleArray()).ToList());

            var scaler = new FeatureStandardizer();
            scaler.Fit(TestData.Random(20, 15, 3), 4);
            var scalerState = new StateDict();
            scaler.SaveStateDict(scalerState);
            yield return new Target("scaler", TestData.ToBytes(scalerState),
                () => { var f = new FeatureStandardizer(); f.Fit(TestData.Random(10, 16), 2); return f; },
                (o, s) => ((FeatureStandardizer)o).LoadStateDict(s),
                o => ((FeatureStandardizer)o).Mean.Concat(((FeatureStandardizer)o).Variance).Select(v => (double)v).Append(((FeatureStandardizer)o).Count).ToList(),
                s => s["mean_"].ToSingleArray().Concat(s["var_"].ToSingleArray()).Select(v => (double)v).Append(s["n_samples_seen_"].ToInt64Array()[0]).ToList());
        }

        [Fact]
        public void Mutated_files_either_load_whole_or_throw_StateDictException_and_change_nothing()
        {
            var outcomes = new Dictionary<string, int>();
            foreach (Target target in Targets())
            {
                var random = new Random(19);
                string path = TestData.TempFile("fuzz.safetensors");
                for (int i = 0; i < CasesPerTarget; i++)
                {
                    byte[] file = Mutate(target.File, random, out string mutation);
                    bool mapped = i < MappedCasesPerTarget;
                    string outcome = Run(target, file, mapped, path, $"{target.Name} case {i} ({mutation}, {(mapped ? "mapped" : "in memory")})");
                    outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                }
            }

            _output.WriteLine(string.Join(", ", outcomes.Select(o => o.Key + ": " + o.Value)));

            // The mutations reach both ways out: many files are rejected, and some still load (data bytes flipped).
            Assert.True(outcomes.GetValueOrDefault("rejected") > 1000, string.Join(", ", outcomes));
            Assert.True(outcomes.GetValueOrDefault("loaded") > 100, string.Join(", ", outcomes));
        }

        private static string Run(Target target, byte[] file, bool mapped, string path, string description)
        {
            object subject = target.Create();
            List<double> before = target.Snapshot(subject);
            try
            {
                if (mapped)
                {
                    File.WriteAllBytes(path, file);
                    using SafeTensorsFile opened = SafeTensors.Open(path);
                    target.Load(subject, opened.Tensors);
                    AssertEqual(target.Expected(opened.Tensors), target.Snapshot(subject), description + ": loaded, but not as the file says");
                }
                else
                {
                    StateDict state = SafeTensors.Load(file);
                    target.Load(subject, state);
                    AssertEqual(target.Expected(state), target.Snapshot(subject), description + ": loaded, but not as the file says");
                }

                return "loaded";
            }
            catch (StateDictException)
            {
                AssertEqual(before, target.Snapshot(subject), description + ": rejected, but the object changed");
                return "rejected";
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException(description + ": " + e.GetType().Name + " escaped: " + e);
            }
        }

        /// <summary>Equal element by element, NaN equal to NaN (a flipped byte can make one).</summary>
        private static void AssertEqual(List<double> expected, List<double> actual, string message)
        {
            bool same = expected.Count == actual.Count && expected.Zip(actual).All(p => p.First.Equals(p.Second));
            Assert.True(same, message);
        }

        private static byte[] Mutate(byte[] valid, Random random, out string mutation)
        {
            byte[] file = (byte[])valid.Clone();
            int headerEnd = 8 + (int)BitConverter.ToUInt64(valid, 0);
            switch (random.Next(6))
            {
                case 0:
                {
                    int flips = 1 + random.Next(4);
                    for (int f = 0; f < flips; f++) file[random.Next(file.Length)] ^= (byte)(1 << random.Next(8));
                    mutation = flips + " bits flipped anywhere";
                    return file;
                }

                case 1:
                {
                    int at = 8 + random.Next(headerEnd - 8);
                    file[at] = (byte)random.Next(256);
                    mutation = "header byte " + at + " replaced";
                    return file;
                }

                case 2:
                {
                    int at = headerEnd + random.Next(file.Length - headerEnd);
                    file[at] = (byte)random.Next(256);
                    mutation = "data byte " + at + " replaced";
                    return file;
                }

                case 3:
                {
                    int length = random.Next(file.Length);
                    mutation = "truncated to " + length;
                    return file.AsSpan(0, length).ToArray();
                }

                case 4:
                {
                    ulong field = BitConverter.ToUInt64(file, 0);
                    ulong changed = random.Next(3) switch
                    {
                        0 => field + (ulong)random.Next(1, 64),
                        1 => field - (ulong)random.Next(1, 64),
                        _ => (ulong)random.NextInt64(),
                    };
                    BitConverter.GetBytes(changed).CopyTo(file, 0);
                    mutation = "length field " + changed;
                    return file;
                }

                default:
                    return EditHeader(file, headerEnd, random, out mutation);
            }
        }

        /// <summary>Edits the JSON as text: a number, a dtype, a name or a bracket changed, keeping the length field right.</summary>
        private static byte[] EditHeader(byte[] file, int headerEnd, Random random, out string mutation)
        {
            string header = Encoding.UTF8.GetString(file, 8, headerEnd - 8);
            string[] dtypes = { "F32", "F64", "F16", "BF16", "I64", "I32", "U8", "BOOL", "F8_E4M3", "X9" };
            string edited;
            switch (random.Next(5))
            {
                case 0:
                {
                    int[] digits = Enumerable.Range(0, header.Length).Where(i => char.IsDigit(header[i])).ToArray();
                    int at = digits[random.Next(digits.Length)];
                    edited = header.Substring(0, at) + random.Next(10) + header.Substring(at + 1);
                    mutation = "digit at " + at + " changed";
                    break;
                }

                case 1:
                {
                    string from = dtypes.First(d => header.Contains("\"" + d + "\""));
                    string to = dtypes[random.Next(dtypes.Length)];
                    edited = header.Replace("\"" + from + "\"", "\"" + to + "\"");
                    mutation = "dtype " + from + " → " + to;
                    break;
                }

                case 2:
                {
                    int at = random.Next(header.Length);
                    edited = header.Remove(at, 1);
                    mutation = "header character " + at + " removed";
                    break;
                }

                case 3:
                {
                    string[] inserts = { ",", "[", "]", "{", "}", "\"", "1", "-", ".5", ",0", " " };
                    int at = random.Next(header.Length);
                    string insert = inserts[random.Next(inserts.Length)];
                    edited = header.Insert(at, insert);
                    mutation = "'" + insert + "' inserted at " + at;
                    break;
                }

                default:
                {
                    edited = header.Replace("\"shape\":[", "\"shape\":[1,");
                    mutation = "an extent of 1 prepended to every shape";
                    break;
                }
            }

            byte[] json = Encoding.UTF8.GetBytes(edited);
            var result = new byte[8 + json.Length + file.Length - headerEnd];
            BitConverter.GetBytes((ulong)json.Length).CopyTo(result, 0);
            json.CopyTo(result, 8);
            file.AsSpan(headerEnd).CopyTo(result.AsSpan(8 + json.Length));
            return result;
        }
    }
}
