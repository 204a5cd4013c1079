using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes the body of an innermost loop: a <c>Vector&lt;T&gt;</c> loop over whole vectors and a scalar tail.
    /// Arrays that do not vary along the run (a statistic along a reduced axis, a per-channel weight along a spatial
    /// axis) are read once before the loops and broadcast; arrays that vary are loaded at <c>base + i</c>.
    /// Sums into an array that does not vary are kept in a vector register and added once after the loops.
    /// </summary>
    internal sealed class RunKernel
    {
        private readonly Names _names;
        private readonly List<(string Line, string? VectorName)> _hoisted = new();
        private readonly Dictionary<string, (string Vector, string Scalar)> _operands = new();
        private readonly List<(string Name, Func<Func<string, string>, string> Expression)> _lets = new();
        private readonly List<Accumulation> _accumulations = new();
        private readonly List<(string Array, string Base, Func<Func<string, string>, string> Expression)> _stores = new();
        private readonly List<string> _after = new();

        public RunKernel(Names names) => _names = names;

        /// <summary>An array read along the run: at <paramref name="baseIndex"/> + i when it varies, else once at <paramref name="baseIndex"/>.</summary>
        public RunKernel Read(string name, string array, string baseIndex, bool varies)
        {
            if (varies)
            {
                _operands[name] = (LoadVector(array, baseIndex), Element(array, baseIndex + " + i"));
            }
            else
            {
                Hoist(name, Element(array, baseIndex));
                _operands[name] = (name + "V", name);
            }

            return this;
        }

        /// <summary>A scalar already in scope, broadcast once before the loops.</summary>
        public RunKernel Broadcast(string name, string scalar)
        {
            Hoist(name, scalar);
            _operands[name] = (name + "V", name);
            return this;
        }

        /// <summary>A value computed from others: once before the loops when they are all read once, else per element.</summary>
        public RunKernel Let(string name, Func<Func<string, string>, string> expression, params string[] dependencies)
        {
            if (dependencies.Length > 0 && dependencies.All(IsHoisted))
            {
                Hoist(name, expression(n => _operands[n].Scalar));
                _operands[name] = (name + "V", name);
            }
            else
            {
                _lets.Add((name, expression));
                _operands[name] = (name, name);
            }

            return this;
        }

        private void Hoist(string name, string scalar)
        {
            _hoisted.Add((_names.T + " " + name + " = " + scalar + ";", null));
            _hoisted.Add(("var " + name + "V = new " + _names.VectorT + "(" + name + ");", name + "V"));
        }

        public bool IsHoisted(string name) => _operands.TryGetValue(name, out var o) && o.Vector == name + "V";

        /// <summary>Adds the expression into <paramref name="array"/> at the run's index (varies) or its base (register, added after the loops).</summary>
        public RunKernel Accumulate(string array, string baseIndex, bool varies, Func<Func<string, string>, string> expression, string? totalName = null)
        {
            _accumulations.Add(new Accumulation(array, baseIndex, varies, expression, totalName));
            return this;
        }

        /// <summary>Adds the expression, summed over the run, to a local declared before the kernel.</summary>
        public RunKernel AccumulateLocal(string local, Func<Func<string, string>, string> expression)
        {
            _accumulations.Add(new Accumulation("", "", false, expression, local + "Run", local));
            return this;
        }

        /// <summary>Writes the expression to <paramref name="array"/> at base + i.</summary>
        public RunKernel Store(string array, string baseIndex, Func<Func<string, string>, string> expression)
        {
            _stores.Add((array, baseIndex, expression));
            return this;
        }

        /// <summary>A statement after the loops (can use the totals of register sums).</summary>
        public RunKernel After(string statement)
        {
            _after.Add(statement);
            return this;
        }

        public void Emit(IndentedWriter w, string length)
        {
            var vectorBody = new IndentedWriter();
            EmitBody(vectorBody, vector: true);
            string vectorText = vectorBody.ToString();
            using (w.Braces())
            {
                // A broadcast that no vector expression uses is left out.
                foreach (var (line, vectorName) in _hoisted)
                {
                    if (vectorName is null || ContainsIdentifier(vectorText, vectorName))
                    {
                        w.Line(line);
                    }
                }

                var registers = _accumulations.Where(a => !a.Varies).ToArray();
                foreach (var register in registers)
                {
                    w.Line("var " + register.Register + "V = " + _names.VectorT + ".Zero;");
                }

                w.Line("int i = 0;");
                using (w.Block("for (; i <= " + length + " - " + _names.VectorT + ".Count; i += " + _names.VectorT + ".Count)"))
                {
                    w.Lines(vectorText);
                }

                foreach (var register in registers)
                {
                    w.Line(_names.T + " " + register.Register + " = " + Names.Vector + ".Sum(" + register.Register + "V);");
                }

                using (w.Block("for (; i < " + length + "; i++)"))
                {
                    EmitBody(w, vector: false);
                }

                foreach (var register in registers.Where(r => r.TotalName is null))
                {
                    w.Line(Element(register.Array, register.Base) + " += " + register.Register + ";");
                }

                foreach (var register in registers.Where(r => r.Local is not null))
                {
                    w.Line(register.Local + " += " + register.Register + ";");
                }

                foreach (var line in _after)
                {
                    w.Line(line);
                }
            }
        }

        private void EmitBody(IndentedWriter w, bool vector)
        {
            string Resolve(string name) => vector ? _operands[name].Vector : _operands[name].Scalar;

            foreach (var (name, expression) in _lets)
            {
                w.Line((vector ? "var " : _names.T + " ") + name + " = " + expression(Resolve) + ";");
            }

            foreach (var a in _accumulations)
            {
                if (!a.Varies)
                {
                    w.Line(a.Register + (vector ? "V" : "") + " += " + a.Expression(Resolve) + ";");
                }
                else if (vector)
                {
                    w.Line(StoreVector(LoadVector(a.Array, a.Base) + " + (" + a.Expression(Resolve) + ")", a.Array, a.Base));
                }
                else
                {
                    w.Line(Element(a.Array, a.Base + " + i") + " += " + a.Expression(Resolve) + ";");
                }
            }

            foreach (var (array, baseIndex, expression) in _stores)
            {
                w.Line(vector
                    ? StoreVector(expression(Resolve), array, baseIndex)
                    : Element(array, baseIndex + " + i") + " = " + expression(Resolve) + ";");
            }
        }

        private string LoadVector(string array, string baseIndex) =>
            Names.Vector + ".LoadUnsafe(ref " + array + ", (nuint)(" + Index(baseIndex) + "))";

        /// <summary>Whether <paramref name="identifier"/> occurs in <paramref name="text"/> as a whole word.</summary>
        private static bool ContainsIdentifier(string text, string identifier)
        {
            for (int at = text.IndexOf(identifier, StringComparison.Ordinal); at >= 0; at = text.IndexOf(identifier, at + 1, StringComparison.Ordinal))
            {
                int end = at + identifier.Length;
                bool startsWord = at == 0 || !IsIdentifierCharacter(text[at - 1]);
                bool endsWord = end == text.Length || !IsIdentifierCharacter(text[end]);
                if (startsWord && endsWord)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsIdentifierCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';

        private static string StoreVector(string value, string array, string baseIndex) =>
            Names.Vector + ".StoreUnsafe(" + value + ", ref " + array + ", (nuint)(" + Index(baseIndex) + "));";

        private static string Index(string baseIndex) => baseIndex == "0" ? "i" : baseIndex + " + i";

        internal static string Element(string array, string index) =>
            Names.Unsafe + ".Add(ref " + array + ", " + (index.StartsWith("0 + ", StringComparison.Ordinal) ? index.Substring(4) : index) + ")";

        private sealed record Accumulation(string Array, string Base, bool Varies, Func<Func<string, string>, string> Expression, string? TotalName, string? Local = null)
        {
            public string Register => TotalName ?? Array + "Acc";
        }
    }
}
