using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The body of an innermost loop, as values, and its text: a <c>Vector&lt;T&gt;</c> loop over whole vectors and a
    /// scalar tail. A body declares its operands (<see cref="Read"/>, <see cref="Broadcast"/>, <see cref="Let"/>, each
    /// returning a <see cref="LoopValue"/>), then what it does with them: sums (<see cref="Accumulate"/>,
    /// <see cref="AccumulateLocal"/>, <see cref="AccumulateInto"/>) and stores (<see cref="Store"/>).
    /// <para>Arrays that do not vary along the run (a statistic along a reduced axis, a per-channel weight along a
    /// spatial axis) are read once before the loops and broadcast, and the broadcast is written only when the vector body
    /// reads it; arrays that vary are loaded at <c>base + i</c>. Sums into an array that does not vary are kept in
    /// <see cref="VectorRegisters"/> and added once after the loops; a body with such sums first runs
    /// <see cref="Unroll"/> copies of itself per iteration, each into its own registers, so the additions do not wait on
    /// one another.</para>
    /// </summary>
    internal sealed class VectorLoop
    {
        /// <summary>The unroll factor of every kernel: four copies keep enough additions in flight on the machines measured.</summary>
        public const int DefaultUnroll = 4;

        private readonly Names _names;
        private readonly Dictionary<string, Operand> _operands = new();
        private readonly List<(string Name, string Scalar)> _hoisted = new();
        private readonly List<(string Name, LoopValue Value)> _lets = new();
        private readonly List<Sum> _sums = new();
        private readonly List<(string Array, string Base, LoopValue Value)> _stores = new();
        private readonly List<string> _after = new();

        public VectorLoop(Names names, int unroll = DefaultUnroll)
        {
            if (unroll < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(unroll), unroll, "A vector loop's unroll factor must be at least 1.");
            }

            _names = names;
            Unroll = unroll;
        }

        /// <summary>How many copies of the vector body an iteration of the unrolled loop runs (1: no unrolled loop).</summary>
        public int Unroll { get; }

        /// <summary>An array read along the run: at <paramref name="baseIndex"/> + i when it varies, else once at <paramref name="baseIndex"/>.</summary>
        public LoopValue.Named Read(string name, string array, string baseIndex, bool varies)
        {
            if (varies)
            {
                return Declare(name, new Operand(OperandKind.Loaded, array, baseIndex));
            }

            _hoisted.Add((name, _names.Read(array, baseIndex)));
            return Declare(name, new Operand(OperandKind.Broadcast));
        }

        /// <summary>A scalar already in scope, broadcast once before the loops.</summary>
        public LoopValue.Named Broadcast(string name, string scalar)
        {
            _hoisted.Add((name, scalar));
            return Declare(name, new Operand(OperandKind.Broadcast));
        }

        /// <summary>A value computed from others: once before the loops when every operand it reads is read once, else per element.</summary>
        public LoopValue.Named Let(string name, LoopValue value)
        {
            var operands = Declared(value);
            if (operands.Count > 0 && operands.All(o => _operands[o].Kind == OperandKind.Broadcast))
            {
                _hoisted.Add((name, value.Render(o => Code(o, Lane.Scalar))));
                return Declare(name, new Operand(OperandKind.Broadcast));
            }

            _lets.Add((name, value));
            return Declare(name, new Operand(OperandKind.Local));
        }

        /// <summary>Adds <paramref name="term"/> into <paramref name="array"/>: at the run's index when it varies; else at
        /// <paramref name="baseIndex"/> once after the loops, summed in registers named <c>{array}Acc</c>, which are returned
        /// (their scalar holds the run's total after the loops).</summary>
        public VectorRegisters? Accumulate(string array, string baseIndex, bool varies, LoopValue term)
        {
            Declared(term);
            if (varies)
            {
                _sums.Add(new SumAlong(array, baseIndex, term));
                return null;
            }

            var registers = new VectorRegisters($"{array}Acc", Unroll);
            _sums.Add(new SumInRegisters(registers, term, $"{KernelSnippets.At(array, baseIndex)} += {registers.Name};"));
            return registers;
        }

        /// <summary>Adds <paramref name="term"/>, summed over the run, to a local declared before the loop (registers <c>{local}Run</c>).</summary>
        public void AccumulateLocal(string local, LoopValue term)
        {
            Declared(term);
            var registers = new VectorRegisters($"{local}Run", Unroll);
            _sums.Add(new SumInRegisters(registers, term, $"{local} += {registers.Name};"));
        }

        /// <summary>Adds <paramref name="term"/> into registers the caller declared and will total
        /// (<see cref="VectorRegisters.Declare"/>, <see cref="VectorRegisters.Total"/>), so that one sum can span several runs.</summary>
        public void AccumulateInto(VectorRegisters registers, LoopValue term)
        {
            if (registers.Unroll != Unroll)
            {
                throw new InvalidOperationException(
                    $"The registers '{registers.Name}' have {registers.Unroll} vectors but the loop runs {Unroll} copies of its body: they must be equal.");
            }

            Declared(term);
            _sums.Add(new SumInRegisters(registers, term, Finish: null));
        }

        /// <summary>Writes <paramref name="value"/> to <paramref name="array"/> at base + i.</summary>
        public void Store(string array, string baseIndex, LoopValue value)
        {
            Declared(value);
            _stores.Add((array, baseIndex, value));
        }

        /// <summary>A statement after the loops (it can use the scalars of the registers <see cref="Accumulate"/> returns).</summary>
        public void After(string statement) => _after.Add(statement);

        /// <summary>Writes the loops in a block of their own, which declares <c>lanes</c> (a body written where the kernel
        /// has not declared it).</summary>
        public void Emit(IndentedWriter w, string length)
        {
            using (w.Braces())
            {
                w.Line($"int lanes = {_names.VectorT}.Count;");
                EmitLoops(w, length, label: null);
            }
        }

        /// <summary>Writes the loops over <paramref name="run"/> in a kernel that has declared <c>lanes</c>: straight into the
        /// enclosing loop's body when the run is alone there (<see cref="RunBases.Alone"/>), else in a block of their own.</summary>
        public void Emit(IndentedWriter w, RunBases run)
        {
            if (run.Alone)
            {
                EmitLoops(w, run.Length, run.Label);
                return;
            }

            using (w.Braces())
            {
                EmitLoops(w, run.Length, run.Label);
            }
        }

        private void EmitLoops(IndentedWriter w, string length, string? label)
        {
            string vector = _names.VectorT;
            var owned = _sums.OfType<SumInRegisters>().Where(s => s.Finish is not null).Select(s => s.Registers).ToList();
            bool unrolled = Unroll > 1 && _sums.Any(s => s is SumInRegisters);
            var read = new HashSet<string>(BodyOperands());
            foreach (var (name, scalar) in _hoisted)
            {
                w.Line($"{_names.T} {name} = {scalar};");
                if (read.Contains(name))
                {
                    w.Line($"var {BroadcastName(name)} = new {vector}({name});");
                }
            }

            foreach (var registers in owned)
            {
                registers.DeclareVectors(w, _names, from: 0, upTo: unrolled ? Unroll : 1);
            }

            WithComment(w, "int i = 0;", label);
            if (unrolled)
            {
                string step = $"{Unroll} * lanes";
                using (w.Block($"for (; i <= {length} - {step}; i += {step})"))
                {
                    for (int copy = 0; copy < Unroll; copy++)
                    {
                        WriteBody(w, Lane.Copy(copy, unrolled: true));
                    }
                }

                foreach (var registers in owned)
                {
                    w.Line(registers.CombineVectors());
                }
            }

            KernelSnippets.Loop(w, $"for (; i <= {length} - lanes; i += lanes)", w2 => WriteBody(w2, Lane.Copy(0, unrolled: false)));
            foreach (var registers in owned)
            {
                w.Line($"{_names.T} {registers.Name} = {Names.Vector}.Sum({registers.Vector(0)});");
            }

            KernelSnippets.Loop(w, $"for (; i < {length}; i++)", w2 => WriteBody(w2, Lane.Scalar));
            foreach (var sum in _sums.OfType<SumInRegisters>().Where(s => s.Finish is not null))
            {
                w.Line(sum.Finish!);
            }

            foreach (var statement in _after)
            {
                w.Line(statement);
            }
        }

        /// <summary><paramref name="line"/> with <c>// label</c> after it when both fit on one line, else the label's line first.</summary>
        private static void WithComment(IndentedWriter w, string line, string? label)
        {
            if (label is null)
            {
                w.Line(line);
            }
            else if (LineWrapper.Fits(w.Depth, line.Length + label.Length + 4))
            {
                w.Line($"{line} // {label}");
            }
            else
            {
                w.Line($"// {label}");
                w.Line(line);
            }
        }

        /// <summary>The statements of one copy of the body (<paramref name="lane"/>: vector or scalar, its index and registers).</summary>
        private void WriteBody(IndentedWriter w, Lane lane)
        {
            Func<string, string> code = name => Code(name, lane);
            if (lane.Vector && _names.Elements.Converts)
            {
                // Each tensor the body reads is widened once into a local, however many statements read it.
                var widened = BodyOperands().Distinct()
                    .Where(name => _operands[name].Kind == OperandKind.Loaded && Names.IsTensor(_operands[name].Array))
                    .ToList();
                foreach (var name in widened)
                {
                    w.Line($"var {name}Wide{lane.Suffix} = {Code(name, lane)};");
                }

                code = name => widened.Contains(name) ? $"{name}Wide{lane.Suffix}" : Code(name, lane);
            }

            foreach (var (name, value) in _lets)
            {
                w.Line($"{(lane.Vector ? "var" : _names.T)} {name}{lane.Suffix} = {value.Render(code)};");
            }

            foreach (var sum in _sums)
            {
                string term = sum.Term.Render(code);
                switch (sum)
                {
                    case SumInRegisters registers:
                        w.Line($"{(lane.Vector ? registers.Registers.Vector(lane.Number) : registers.Registers.Name)} += {term};");
                        break;
                    case SumAlong along when lane.Vector:
                        string at = Index(along.Base, lane.Index);
                        w.Line(_names.StoreVector($"{_names.LoadVector(along.Array, at)} + ({term})", along.Array, at));
                        break;
                    case SumAlong along:
                        w.Line($"{KernelSnippets.At(along.Array, $"{along.Base} + {lane.Index}")} += {term};");
                        break;
                }
            }

            foreach (var (array, baseIndex, value) in _stores)
            {
                w.Line(lane.Vector
                    ? _names.StoreVector(value.Render(code), array, Index(baseIndex, lane.Index))
                    : _names.Write(array, $"{baseIndex} + {lane.Index}", value.Render(code)));
            }
        }

        /// <summary>The code of an operand in <paramref name="lane"/>: a load at the lane's index, a broadcast, or the local's name.</summary>
        private string Code(string name, Lane lane)
        {
            var operand = _operands[name];
            return operand.Kind switch
            {
                OperandKind.Loaded => lane.Vector
                    ? _names.LoadVector(operand.Array, Index(operand.Base, lane.Index))
                    : _names.Read(operand.Array, $"{operand.Base} + {lane.Index}"),
                OperandKind.Broadcast when lane.Vector => BroadcastName(name),
                OperandKind.Local => name + lane.Suffix,
                _ => name,
            };
        }

        private static string BroadcastName(string name) => $"{name}V";

        /// <summary>The operands the loop body reads, statement by statement, left to right (hoisted lets excluded).</summary>
        private IEnumerable<string> BodyOperands() =>
            _lets.Select(l => l.Value).Concat(_sums.Select(s => s.Term)).Concat(_stores.Select(s => s.Value))
                .SelectMany(v => v.OperandNames());

        private LoopValue.Named Declare(string name, Operand operand)
        {
            if (_operands.ContainsKey(name))
            {
                throw new InvalidOperationException($"The loop body declares the operand '{name}' twice; each name must stand for one value.");
            }

            _operands.Add(name, operand);
            return new LoopValue.Named(name);
        }

        /// <summary>The operands <paramref name="value"/> reads, each of which this loop must have declared.</summary>
        private List<string> Declared(LoopValue value)
        {
            var names = value.OperandNames().ToList();
            foreach (var name in names.Where(n => !_operands.ContainsKey(n)))
            {
                throw new InvalidOperationException($"The loop body reads '{name}', which this loop does not declare (Read, Broadcast or Let).");
            }

            return names;
        }

        private static string Index(string baseIndex, string index) => baseIndex == "0" ? index : $"{baseIndex} + {index}";

        private enum OperandKind
        {
            /// <summary>An array element at base + i, loaded where it is read.</summary>
            Loaded,

            /// <summary>A scalar set before the loops and its vector twin (name + "V").</summary>
            Broadcast,

            /// <summary>A local computed in the body.</summary>
            Local,
        }

        private sealed record Operand(OperandKind Kind, string Array = "", string Base = "");

        /// <summary>Where a copy of the body runs: the vector loop's copy <paramref name="Number"/> (index i + Number * lanes,
        /// registers of that copy), or the scalar tail (index i, the scalar registers).</summary>
        /// <remarks>The copies of the unrolled loop share one scope: their locals carry the copy's number
        /// (<paramref name="Suffix"/>).</remarks>
        private sealed record Lane(bool Vector, string Index, int Number, string Suffix)
        {
            public static Lane Scalar { get; } = new(false, "i", 0, "");

            public static Lane Copy(int number, bool unrolled) =>
                new(true, number == 0 ? "i" : number == 1 ? "i + lanes" : $"i + {number} * lanes", number, unrolled ? Names.Int(number) : "");
        }

        private abstract record Sum(LoopValue Term);

        /// <summary>A sum into an array element per index of the run.</summary>
        private sealed record SumAlong(string Array, string Base, LoopValue Term) : Sum(Term);

        /// <summary>A sum in registers; <paramref name="Finish"/> adds their total to its destination after the loops
        /// (null: the caller declared the registers and totals them).</summary>
        private sealed record SumInRegisters(VectorRegisters Registers, LoopValue Term, string? Finish) : Sum(Term);
    }
}
