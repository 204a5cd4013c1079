using System;
using NormGen.Configuration;
using NormGen.Generator.Emitting;
using Xunit;

namespace NormGen.Generator.Tests
{
    /// <summary>The vector-loop model on its own: what a body declared as values renders to.</summary>
    public class VectorLoopTests
    {
        private static readonly Names Float = new(ElementKind.Float);

        private static string Render(VectorLoop loop, string length = "n")
        {
            var w = new IndentedWriter();
            loop.Emit(w, length);
            return w.ToString();
        }

        [Fact]
        public void UnrollOfTwoRendersTwoRegisterSetsAtOffsetsIAndIPlusLanes()
        {
            var loop = new VectorLoop(Float, unroll: 2);
            var x = loop.Read("xv", "x", "b", varies: true);
            var m = loop.Read("m", "mean", "s", varies: false);
            loop.Accumulate("sum", "s", varies: false, (x - m) * (x - m));

            Assert.Equal(
                """
                {
                	int lanes = NGVectorFloat.Count;
                	float m = NGUnsafe.Add(ref mean, s);
                	var mV = new NGVectorFloat(m);
                	NGVectorFloat sumAccV = default, sumAccV1 = default;
                	int i = 0;
                	for (; i <= n - 2 * lanes; i += 2 * lanes)
                	{
                		sumAccV += (NGVector.LoadUnsafe(ref x, (nuint)(b + i)) - mV) * (NGVector.LoadUnsafe(ref x, (nuint)(b + i)) - mV);
                		sumAccV1 += (NGVector.LoadUnsafe(ref x, (nuint)(b + i + lanes)) - mV) * (NGVector.LoadUnsafe(ref x, (nuint)(b + i + lanes)) - mV);
                	}
                	sumAccV += sumAccV1;
                	for (; i <= n - lanes; i += lanes)
                		sumAccV += (NGVector.LoadUnsafe(ref x, (nuint)(b + i)) - mV) * (NGVector.LoadUnsafe(ref x, (nuint)(b + i)) - mV);
                	float sumAcc = NGVector.Sum(sumAccV);
                	for (; i < n; i++) sumAcc += (NGUnsafe.Add(ref x, b + i) - m) * (NGUnsafe.Add(ref x, b + i) - m);
                	NGUnsafe.Add(ref sum, s) += sumAcc;
                }

                """,
                Render(loop));
        }

        [Fact]
        public void CopiesBeyondTheSecondAreOffsetByTheirNumberOfVectors()
        {
            var loop = new VectorLoop(Float, unroll: 3);
            var x = loop.Read("xv", "x", "0", varies: true);
            loop.AccumulateLocal("total", x);

            string text = Render(loop);

            Assert.Contains("for (; i <= n - 3 * lanes; i += 3 * lanes)", text);
            Assert.Contains("totalRunV2 += NGVector.LoadUnsafe(ref x, (nuint)(i + 2 * lanes));", text);
            Assert.Contains("totalRunV += totalRunV1 + totalRunV2;", text);
            Assert.DoesNotContain("totalRunV3", text);
            Assert.Contains("total += totalRun;", text);
        }

        [Fact]
        public void UnrollOfOneWritesNoUnrolledLoop()
        {
            var loop = new VectorLoop(Float, unroll: 1);
            var x = loop.Read("xv", "x", "0", varies: true);
            loop.AccumulateLocal("total", x * x);

            string text = Render(loop);

            Assert.DoesNotContain("* lanes", text);
            Assert.Contains("totalRunV += NGVector.LoadUnsafe(ref x, (nuint)(i)) * NGVector.LoadUnsafe(ref x, (nuint)(i));", text);
            Assert.Contains("float totalRun = NGVector.Sum(totalRunV);", text);
        }

        [Fact]
        public void ABroadcastTheVectorBodyDoesNotReadIsLeftOut()
        {
            var loop = new VectorLoop(Float);
            var x = loop.Read("xv", "x", "0", varies: true);
            var g = loop.Read("g", "weight", "c", varies: false);
            var inv = loop.Read("inv", "invStd", "s", varies: false);
            loop.Read("unused", "bias", "c", varies: false);
            var scale = loop.Let("scale", g * inv);
            loop.Store("y", "0", x * scale);

            string text = Render(loop);

            // g and inv are read only by the hoisted scale, so only scale is broadcast.
            Assert.Contains("float g = NGUnsafe.Add(ref weight, c);", text);
            Assert.Contains("float scale = g * inv;", text);
            Assert.Contains("var scaleV = new NGVectorFloat(scale);", text);
            Assert.DoesNotContain("gV", text);
            Assert.DoesNotContain("invV", text);
            Assert.DoesNotContain("unusedV", text);
            Assert.Contains("NGVector.StoreUnsafe(NGVector.LoadUnsafe(ref x, (nuint)(i)) * scaleV, ref y, (nuint)(i));", text);
            Assert.DoesNotContain("* lanes", text);
        }

        [Fact]
        public void ARunAloneInItsLoopTakesTheLoopsScopeAndNamesEachCopysLocals()
        {
            var loop = new VectorLoop(Float, unroll: 2);
            var x = loop.Read("xv", "x", "b", varies: true);
            var m = loop.Read("m", "mean", "s", varies: false);
            var d = loop.Let("d", x - m);
            loop.Accumulate("sum", "s", varies: false, d * d);
            var w = new IndentedWriter();

            loop.Emit(w, new RunBases("b", "s", "0", "n", false, false, Alone: true, Label: "HW"));

            string text = w.ToString();
            Assert.StartsWith("float m = NGUnsafe.Add(ref mean, s);\n", text);
            Assert.DoesNotContain("{\n\t{", text);
            Assert.DoesNotContain("int lanes", text);
            Assert.Contains("int i = 0; // HW\n", text);
            Assert.Contains("var d0 = NGVector.LoadUnsafe(ref x, (nuint)(b + i)) - mV;\n\tsumAccV += d0 * d0;", text);
            Assert.Contains("var d1 = NGVector.LoadUnsafe(ref x, (nuint)(b + i + lanes)) - mV;\n\tsumAccV1 += d1 * d1;", text);
            Assert.Contains("float d = NGUnsafe.Add(ref x, b + i) - m;", text);
        }

        [Fact]
        public void ARunSharingItsScopeGetsABlock()
        {
            var loop = new VectorLoop(Float);
            loop.Store("y", "0", loop.Read("xv", "x", "0", varies: true));
            var w = new IndentedWriter();

            loop.Emit(w, new RunBases("0", "0", "0", "n", false, false));

            Assert.StartsWith("{\n\tint i = 0;\n", w.ToString());
        }

        [Fact]
        public void RegistersTotalPairwise()
        {
            Assert.Equal("NGVector.Sum((totalV + totalV1) + (totalV2 + totalV3)) + total", new VectorRegisters("total", 4).Total());
            Assert.Equal("NGVector.Sum((tV + tV1) + tV2) + t", new VectorRegisters("t", 3).Total());
            Assert.Equal("NGVector.Sum(tV) + t", new VectorRegisters("t", 1).Total());
            Assert.Equal("tV += (tV1 + tV2) + tV3;", new VectorRegisters("t", 4).CombineVectors());
        }

        [Fact]
        public void DeclaredRegistersTakeTheSumsOfSeveralLoops()
        {
            var total = new VectorRegisters("total", 2);
            var declared = new IndentedWriter();
            total.Declare(declared, Float);
            var loop = new VectorLoop(Float, unroll: 2);
            loop.AccumulateInto(total, loop.Read("xv", "x", "b", varies: true));

            string text = Render(loop);

            Assert.Equal("float total = 0f;\nNGVectorFloat totalV = default, totalV1 = default;\n", declared.ToString());
            Assert.Contains("totalV1 += NGVector.LoadUnsafe(ref x, (nuint)(b + i + lanes));", text);
            Assert.Contains("total += NGUnsafe.Add(ref x, b + i);", text);
            Assert.DoesNotContain("totalV += totalV1", text);
            Assert.DoesNotContain("NGVector.Sum(", text);
        }

        [Fact]
        public void ValuesRenderWithTheParenthesesPrecedenceNeeds()
        {
            var loop = new VectorLoop(Float);
            var a = loop.Broadcast("a", "1f");
            var b = loop.Broadcast("b", "2f");
            var c = loop.Broadcast("c", "3f");
            Func<string, string> name = n => n;

            Assert.Equal("(a - b) * c", ((a - b) * c).Render(name));
            Assert.Equal("a - b - c", (a - b - c).Render(name));
            Assert.Equal("a - (b - c)", (a - (b - c)).Render(name));
            Assert.Equal("a * b + c", (a * b + c).Render(name));
            Assert.Equal("a * (b * c)", (a * (b * c)).Render(name));
            Assert.Equal("f(a + b, c)", LoopValue.Call("f", a + b, c).Render(name));
            Assert.Equal(new[] { "a", "b", "a" }, (a * b - a).OperandNames());
        }

        [Fact]
        public void HalfTensorsAreWidenedOnceInTheVectorBody()
        {
            var loop = new VectorLoop(new Names(ElementKind.Half));
            var x = loop.Read("xv", "x", "0", varies: true);
            var m = loop.Read("m", "mean", "s", varies: false);
            loop.Store("y", "0", (x - m) * (x - m));

            string text = Render(loop);

            Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "HalfVectors.Load\\("));
            Assert.Contains("var xvWide = global::NormGen.Runtime.HalfVectors.Load(ref x, (nuint)(i));", text);
            Assert.Contains("(xvWide - mV) * (xvWide - mV)", text);
        }

        [Fact]
        public void MisuseIsRejectedWithTheNamesInvolved()
        {
            var other = new VectorLoop(Float);
            var foreign = other.Read("xv", "x", "0", varies: true);
            var loop = new VectorLoop(Float);

            var undeclared = Assert.Throws<InvalidOperationException>(() => loop.Store("y", "0", foreign));
            Assert.Contains("'xv'", undeclared.Message);

            loop.Read("xv", "x", "0", varies: true);
            var twice = Assert.Throws<InvalidOperationException>(() => loop.Read("xv", "dy", "0", varies: true));
            Assert.Contains("'xv'", twice.Message);

            var mismatch = Assert.Throws<InvalidOperationException>(() => loop.AccumulateInto(new VectorRegisters("total", 2), foreign));
            Assert.Contains("'total'", mismatch.Message);

            Assert.Throws<ArgumentOutOfRangeException>(() => new VectorLoop(Float, unroll: 0));
        }
    }
}
