using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes the body of an innermost loop: a <c>Vector&lt;T&gt;</c> loop over whole vectors and a scalar tail.
    /// Arrays that do not vary along the run (a statistic along a reduced axis, a per-channel weight along a spatial
    /// axis) are read once before the loops and broadcast; arrays that vary are loaded at <c>base + i</c>.
    /// Sums into an array that does not vary are kept in a vector register and added once after the loops; a kernel
    /// with such sums first runs four vectors per iteration into four independent registers, so the additions do not
    /// wait on one another.
    /// </summary>
    internal sealed class VectorLoop
    {
        private readonly Names _names;
        private readonly List<(string Line, string? VectorName)> _hoisted = new();
        /// <summary>How many vectors an iteration of the reduction loop handles, each with its own registers.</summary>
        private const int Unroll = 4;

        private readonly Dictionary<string, Operand> _operands = new();
        private readonly List<(string Name, Func<Func<string, string>, string> Expression)> _lets = new();
        private readonly List<Accumulation> _accumulations = new();
        private readonly List<(string Array, string Base, Func<Func<string, string>, string> Expression)> _stores = new();
        private readonly List<string> _after = new();

        public VectorLoop(Names names) => _names = names;

        /// <summary>An array read along the run: at <paramref name="baseIndex"/> + i when it varies, else once at <paramref name="baseIndex"/>.</summary>
        public VectorLoop Read(string name, string array, string baseIndex, bool varies)
        {
            if (varies)
            {
                _operands[name] = new Operand(name, array, baseIndex);
            }
            else
            {
                Hoist(name, _names.Read(array, baseIndex));
                _operands[name] = new Operand(name, null, null, Hoisted: true);
            }

            return this;
        }

        /// <summary>A scalar already in scope, broadcast once before the loops.</summary>
        public VectorLoop Broadcast(string name, string scalar)
        {
            Hoist(name, scalar);
            _operands[name] = new Operand(name, null, null, Hoisted: true);
            return this;
        }

        /// <summary>A value computed from others: once before the loops when they are all read once, else per element.</summary>
        public VectorLoop Let(string name, Func<Func<string, string>, string> expression, params string[] dependencies)
        {
            if (dependencies.Length > 0 && dependencies.All(IsHoisted))
            {
                Hoist(name, expression(n => _operands[n].Resolve(_names, vector: false, "i")));
                _operands[name] = new Operand(name, null, null, Hoisted: true);
            }
            else
            {
                _lets.Add((name, expression));
                _operands[name] = new Operand(name, null, null);
            }

            return this;
        }

        private void Hoist(string name, string scalar)
        {
            _hoisted.Add((_names.T + " " + name + " = " + scalar + ";", null));
            _hoisted.Add(("var " + name + "V = new " + _names.VectorT + "(" + name + ");", name + "V"));
        }

        public bool IsHoisted(string name) => _operands.TryGetValue(name, out var o) && o.Hoisted;

        /// <summary>Adds the expression into <paramref name="array"/> at the run's index (varies) or its base (register, added after the loops).</summary>
        public VectorLoop Accumulate(string array, string baseIndex, bool varies, Func<Func<string, string>, string> expression, string? totalName = null)
        {
            _accumulations.Add(new Accumulation(array, baseIndex, varies, expression, totalName));
            return this;
        }

        /// <summary>Adds the expression, summed over the run, to a local declared before the kernel.</summary>
        public VectorLoop AccumulateLocal(string local, Func<Func<string, string>, string> expression)
        {
            _accumulations.Add(new Accumulation("", "", false, expression, local + "Run", local));
            return this;
        }

        /// <summary>Adds the expression into registers the caller declared and will reduce, so that one sum can span
        /// several runs: vectors <c>{register}V</c>, <c>{register}V1</c> … <c>{register}V3</c> and the scalar
        /// <c>{register}</c> for the tail.</summary>
        public VectorLoop AccumulateInto(string register, Func<Func<string, string>, string> expression)
        {
            _accumulations.Add(new Accumulation("", "", false, expression, register, External: true));
            return this;
        }

        /// <summary>Declares the registers of <see cref="AccumulateInto"/>, all zero.</summary>
        public static void DeclareRegisters(IndentedWriter w, Names names, string register)
        {
            w.Line(names.T + " " + register + " = " + names.Zero + ";");
            w.Line(names.VectorT + " " + string.Join(", ", Enumerable.Range(0, Unroll).Select(k => register + "V" + (k == 0 ? "" : Names.Int(k)) + " = " + names.VectorT + ".Zero")) + ";");
        }

        /// <summary>The total of the registers of <see cref="AccumulateInto"/>.</summary>
        public static string RegisterTotal(string register) =>
            Names.Vector + ".Sum((" + register + "V + " + register + "V1) + (" + register + "V2 + " + register + "V3)) + " + register;

        /// <summary>Writes the expression to <paramref name="array"/> at base + i.</summary>
        public VectorLoop Store(string array, string baseIndex, Func<Func<string, string>, string> expression)
        {
            _stores.Add((array, baseIndex, expression));
            return this;
        }

        /// <summary>A statement after the loops (can use the totals of register sums).</summary>
        public VectorLoop After(string statement)
        {
            _after.Add(statement);
            return this;
        }

        public void Emit(IndentedWriter w, string length)
        {
            var registers = new List<Accumulation>();
            bool unrolled = false;
            foreach (var a in _accumulations)
            {
                if (!a.Varies)
                {
                    unrolled = true;
                    if (!a.External)
                    {
                        registers.Add(a);
                    }
                }
            }

            string vectorTemplate = VectorTemplate();
            string vectorText = Instantiate(vectorTemplate, "i", "V");
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

                foreach (var register in registers)
                {
                    w.Line("var " + register.Register + "V = " + _names.VectorT + ".Zero;");
                }

                w.Line("int i = 0;");
                if (unrolled)
                {
                    // Four vectors an iteration, each summed into its own registers, then the registers combined.
                    w.Line("int lanes = " + _names.VectorT + ".Count;");
                    foreach (var register in registers)
                    {
                        w.Line(_names.VectorT + " " + string.Join(", ", Enumerable.Range(1, Unroll - 1).Select(k => register.Register + "V" + k + " = " + _names.VectorT + ".Zero")) + ";");
                    }

                    using (w.Block("for (; i <= " + length + " - " + Unroll + " * lanes; i += " + Unroll + " * lanes)"))
                    {
                        WriteUnrolledBody(w);
                    }

                    foreach (var register in registers)
                    {
                        string r = register.Register + "V";
                        w.Line(r + " += (" + r + "1 + " + r + "2) + " + r + "3;");
                    }
                }

                using (w.Block("for (; i <= " + length + " - " + _names.VectorT + ".Count; i += " + _names.VectorT + ".Count)"))
                {
                    EmitBody(w, vector: true, "i", "V");
                }

                foreach (var register in registers)
                {
                    w.Line(_names.T + " " + register.Register + " = " + Names.Vector + ".Sum(" + register.Register + "V);");
                }

                using (w.Block("for (; i < " + length + "; i++)"))
                {
                    EmitBody(w, vector: false, "i", "");
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

        // The vector body rendered once with placeholders for the index and the register suffix: the text the
        // broadcasts are looked up in.
        private const string IndexPlaceholder = "\u0001";
        private const string SuffixPlaceholder = "\u0002";

        private string VectorTemplate()
        {
            var body = new IndentedWriter();
            EmitBody(body, vector: true, IndexPlaceholder, SuffixPlaceholder);
            return body.ToString();
        }

        private static string Instantiate(string template, string index, string registerSuffix) =>
            template.Replace(IndexPlaceholder, index).Replace(SuffixPlaceholder, registerSuffix);

        /// <summary>The body of the unrolled loop: one block per vector, at i, i + lanes, ..., into registers V, V1, ....
        /// Each copy is written at its own depth, so its long lines wrap once, where they stand.</summary>
        private void WriteUnrolledBody(IndentedWriter w)
        {
            for (int k = 0; k < Unroll; k++)
            {
                using (w.Braces())
                {
                    EmitBody(w, vector: true, k == 0 ? "i" : k == 1 ? "i + lanes" : "i + " + k + " * lanes", k == 0 ? "V" : "V" + k);
                }
            }
        }

        private void EmitBody(IndentedWriter w, bool vector, string index, string registerSuffix)
        {
            if (vector && _names.Elements.Converts)
            {
                EmitWidenedOnce(w, index, registerSuffix);
                return;
            }

            EmitStatements(w, vector, index, registerSuffix, name => _operands[name].Resolve(_names, vector, index));
        }

        /// <summary>The vector body of a kernel whose tensors convert: each tensor operand the body uses is widened once
        /// into a local (<c>xvWide</c>) before the statements, however many of them read it.</summary>
        private void EmitWidenedOnce(IndentedWriter w, string index, string registerSuffix)
        {
            var widened = new List<Operand>();
            string Resolve(string name)
            {
                var operand = _operands[name];
                if (operand.Array is null || !Names.IsTensor(operand.Array))
                {
                    return operand.Resolve(_names, vector: true, index);
                }

                if (!widened.Contains(operand))
                {
                    widened.Add(operand);
                }

                return name + "Wide";
            }

            var statements = new IndentedWriter();
            EmitStatements(statements, vector: true, index, registerSuffix, Resolve);
            foreach (var operand in widened)
            {
                w.Line("var " + operand.Name + "Wide = " + operand.Resolve(_names, vector: true, index) + ";");
            }

            w.Lines(statements.ToString());
        }

        private void EmitStatements(IndentedWriter w, bool vector, string index, string registerSuffix, Func<string, string> resolve)
        {

            foreach (var (name, expression) in _lets)
            {
                w.Line((vector ? "var " : _names.T + " ") + name + " = " + expression(resolve) + ";");
            }

            foreach (var a in _accumulations)
            {
                if (!a.Varies)
                {
                    w.Line(a.Register + registerSuffix + " += " + a.Expression(resolve) + ";");
                }
                else if (vector)
                {
                    w.Line(StoreVector(_names, LoadVector(_names, a.Array, a.Base, index) + " + (" + a.Expression(resolve) + ")", a.Array, a.Base, index));
                }
                else
                {
                    w.Line(Element(a.Array, a.Base + " + " + index) + " += " + a.Expression(resolve) + ";");
                }
            }

            foreach (var (array, baseIndex, expression) in _stores)
            {
                w.Line(vector
                    ? StoreVector(_names, expression(resolve), array, baseIndex, index)
                    : _names.Write(array, baseIndex + " + " + index, expression(resolve)));
            }
        }

        private static string LoadVector(Names names, string array, string baseIndex, string index) => names.LoadVector(array, Index(baseIndex, index));

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

        private static string StoreVector(Names names, string value, string array, string baseIndex, string index) => names.StoreVector(value, array, Index(baseIndex, index));

        private static string Index(string baseIndex, string index) => baseIndex == "0" ? index : baseIndex + " + " + index;

        internal static string Element(string array, string index) =>
            Names.Unsafe + ".Add(ref " + array + ", " + (index.StartsWith("0 + ", StringComparison.Ordinal) ? index.Substring(4) : index) + ")";

        /// <summary>A named operand: an array read at base + index when it varies along the run, else a local (hoisted: with a broadcast twin).</summary>
        private sealed record Operand(string Name, string? Array, string? Base, bool Hoisted = false)
        {
            public string Resolve(Names names, bool vector, string index) =>
                Array is not null
                    ? vector ? LoadVector(names, Array, Base!, index) : names.Read(Array, Base + " + " + index)
                    : vector && Hoisted ? Name + "V" : Name;
        }

        private sealed record Accumulation(string Array, string Base, bool Varies, Func<Func<string, string>, string> Expression, string? TotalName, string? Local = null, bool External = false)
        {
            public string Register => TotalName ?? Array + "Acc";
        }
    }
}
