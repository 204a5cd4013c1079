using System.Globalization;
using System.Linq;
using NormGen.Generator.Emitting;

namespace NormGen.Generator.Tests
{
    /// <summary>The writer's templates: raw interpolated strings re-indented at the writer's depth, line by line.</summary>
    public sealed class IndentedWriterTests
    {
        [Fact]
        public void ATemplatesLinesKeepTheirRelativeIndentationAtTheWritersDepth()
        {
            var w = new IndentedWriter();
            using (w.Block("class C"))
            {
                string name = "Run";
                w.Template($$"""
                    void {{name}}()
                    {
                        for (int i = 0; i < 4; i++)
                        {
                            Step(i);
                        }
                    }
                    """);
            }

            Assert.Equal(
                "class C\n{\n\tvoid Run()\n\t{\n\t\tfor (int i = 0; i < 4; i++)\n\t\t{\n\t\t\tStep(i);\n\t\t}\n\t}\n}\n",
                w.ToString());
        }

        [Fact]
        public void BlankLinesStayEmptyAtAnyDepth()
        {
            var w = new IndentedWriter();
            using (w.Block("namespace N"))
            using (w.Block("class C"))
            {
                w.Template("""
                    int a;

                    int b;
                    """);
            }

            Assert.Equal("namespace N\n{\n\tclass C\n\t{\n\t\tint a;\n\n\t\tint b;\n\t}\n}\n", w.ToString());
        }

        [Fact]
        public void AMultiLineValueContinuesAtTheLevelOfTheLineItStartsOn()
        {
            // Text rendered by another writer at depth 0: tabs for its own levels, a final line break.
            var body = new IndentedWriter();
            using (body.Block("if (ready)"))
            {
                body.Line("Go();");
            }

            var w = new IndentedWriter();
            using (w.Block("void M()"))
            {
                w.Template($$"""
                    while (true)
                    {
                        {{body.ToString()}}
                        Wait();
                    }
                    """);
            }

            Assert.Equal(
                "void M()\n{\n\twhile (true)\n\t{\n\t\tif (ready)\n\t\t{\n\t\t\tGo();\n\t\t}\n\t\tWait();\n\t}\n}\n",
                w.ToString());
        }

        [Fact]
        public void AValueAfterTextOnALineContinuesAtThatLinesLevel()
        {
            string terms = "a,\nb";
            var w = new IndentedWriter();
            w.Template($$"""
                x =
                    Sum({{terms}});
                """);

            Assert.Equal("x =\n\tSum(a,\n\tb);\n", w.ToString());
        }

        [Fact]
        public void ALineOfEmptyValuesIsLeftOutAndALineWithTextIsKept()
        {
            var w = new IndentedWriter();
            string none = "";
            string? missing = null;
            w.Template($$"""
                First();
                    {{none}}
                {{missing}}{{none}}
                Last({{none}});
                """);

            Assert.Equal("First();\nLast();\n", w.ToString());
        }

        [Fact]
        public void ALongTemplateLineIsWrappedAsALineIs()
        {
            string arguments = string.Join(", ", Enumerable.Range(0, 30).Select(i => "argument" + i));
            var line = new IndentedWriter();
            var template = new IndentedWriter();
            using (line.Block("void M()"))
            {
                line.Line("Call(" + arguments + ");");
            }

            using (template.Block("void M()"))
            {
                template.Template($$"""
                    Call({{arguments}});
                    """);
            }

            Assert.Contains("\n\t\targument", line.ToString());
            Assert.Equal(line.ToString(), template.ToString());
        }

        [Fact]
        public void NumbersAreWrittenInTheInvariantCulture()
        {
            var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NegativeSign = "~";
            var saved = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = culture;
            try
            {
                int offset = -3;
                Assert.Equal("~3", offset.ToString());
                var w = new IndentedWriter();
                w.Template($"int i = {offset};");
                Assert.Equal("int i = -3;\n", w.ToString());
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public void ABlankLineBeforeTheClosingQuotesEndsTheTemplateWithABlankLine()
        {
            var w = new IndentedWriter();
            w.Template("""
                a();

                """);
            w.Line("b();");

            Assert.Equal("a();\n\nb();\n", w.ToString());
        }

        [Fact]
        public void CarriageReturnsAreDropped()
        {
            var w = new IndentedWriter();
            w.Template("a();\r\n    b();\r\n\r\nc();");

            Assert.Equal("a();\n\tb();\n\nc();\n", w.ToString());
        }

        [Fact]
        public void AConstantTemplateAndAnInterpolatedOneWriteTheSameText()
        {
            string call = "Step();";
            var constant = new IndentedWriter();
            var interpolated = new IndentedWriter();
            constant.Template("""
                {
                    Step();
                }
                """);
            interpolated.Template($$"""
                {
                    {{call}}
                }
                """);

            Assert.Equal("{\n\tStep();\n}\n", constant.ToString());
            Assert.Equal(constant.ToString(), interpolated.ToString());
        }
    }
}
