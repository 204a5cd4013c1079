using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The body of the channels-last row loops (<see cref="ChannelsLast.EmitRows"/>) for one block of <see cref="Rows"/>
    /// rows, as <see cref="LoopValue"/>s: the operands are the tensors' values in the block's rows and the per-channel
    /// arrays' values, all at the current channel <c>k</c>; the statements are lets, sums into a per-channel array and
    /// stores into a tensor's rows. One body serves the vector loop over the channels and the scalar loop over those
    /// left: <see cref="Write"/> renders it for either.
    /// </summary>
    internal sealed class RowBody
    {
        private readonly ChannelsLast _shape;
        private readonly Dictionary<string, Operand> _operands = new();
        private readonly List<Statement> _statements = new();

        /// <param name="inScope">Locals declared before the loops (by another body's <see cref="Locals"/>) that this body reads.</param>
        public RowBody(ChannelsLast shape, int rows, IEnumerable<string>? inScope = null)
        {
            _shape = shape;
            Rows = rows;
            foreach (var name in inScope ?? Enumerable.Empty<string>())
            {
                _operands.Add(name, new Operand(OperandKind.Local));
            }
        }

        /// <summary>The locals the body declares.</summary>
        public IEnumerable<string> Locals => _statements.Where(s => s.Kind is StatementKind.LoadChannel or StatementKind.Let).Select(s => s.Target);

        /// <summary>Rows handled by one pass of the body.</summary>
        public int Rows { get; }

        /// <summary>The tensor <paramref name="array"/>'s value in row <paramref name="row"/> of the block.</summary>
        public LoopValue Input(string array, int row)
        {
            string name = $"{array}{Names.Int(row)}";
            if (!_operands.ContainsKey(name))
            {
                _operands.Add(name, new Operand(OperandKind.Input, array, row));
            }

            return new LoopValue.Named(name);
        }

        /// <summary>A local <paramref name="name"/> holding the per-channel array <paramref name="array"/>'s value.</summary>
        public LoopValue.Named Channel(string name, string array) => Declare(name, new Operand(OperandKind.Channel, array), value: null);

        /// <summary>A local the body declares, or that is in scope before the loops.</summary>
        public LoopValue.Named Local(string name) =>
            _operands.TryGetValue(name, out var operand) && operand.Kind != OperandKind.Input
                ? new LoopValue.Named(name)
                : throw new InvalidOperationException($"The row body reads the local '{name}', which is not in scope.");

        /// <summary>A local <paramref name="name"/> computed from other values.</summary>
        public LoopValue.Named Let(string name, LoopValue value) => Declare(name, new Operand(OperandKind.Local), value);

        /// <summary>Adds <paramref name="value"/> to the per-channel array <paramref name="array"/>.</summary>
        public void AddToChannel(string array, LoopValue value) => _statements.Add(new Statement(StatementKind.AddToChannel, array, Checked(value)));

        /// <summary>Stores <paramref name="value"/> into the tensor <paramref name="array"/> in row <paramref name="row"/>.</summary>
        public void Store(string array, int row, LoopValue value) => _statements.Add(new Statement(StatementKind.Store, array, Checked(value), row));

        /// <summary>The sum of <paramref name="term"/> over the block's rows as a balanced tree: (r0 + r1) + (r2 + r3).</summary>
        public LoopValue SumOfRows(Func<int, LoopValue> term)
        {
            var terms = Enumerable.Range(0, Rows).Select(term).ToList();
            while (terms.Count > 1)
            {
                var pairs = new List<LoopValue>();
                for (int i = 0; i + 1 < terms.Count; i += 2)
                {
                    pairs.Add(terms[i] + terms[i + 1]);
                }

                if (terms.Count % 2 == 1)
                {
                    pairs.Add(terms[terms.Count - 1]);
                }

                terms = pairs;
            }

            return terms[0];
        }

        /// <summary>Writes the statements, with vectors at channel k (<paramref name="vector"/>) or scalars. A tensor that
        /// converts is widened once per vector body, into a local declared before the first statement that reads it.</summary>
        public void Write(IndentedWriter w, bool vector)
        {
            var names = _shape.Names;
            var widened = new HashSet<string>();
            string Code(string name)
            {
                var operand = _operands[name];
                return operand.Kind switch
                {
                    OperandKind.Input when widened.Contains(name) => $"{name}Wide",
                    OperandKind.Input => LoadInput(operand, vector),
                    _ => name,
                };
            }

            foreach (var statement in _statements)
            {
                if (statement.Value is null)
                {
                    w.Line($"{(vector ? "var" : _shape.T)} {statement.Target} = {Load(statement.Array, "k", vector)};");
                    continue;
                }

                if (vector && names.Elements.Converts)
                {
                    foreach (var name in statement.Value.OperandNames().Where(n => _operands[n].Kind == OperandKind.Input && Names.IsTensor(_operands[n].Array)))
                    {
                        if (widened.Add(name))
                        {
                            w.Line($"var {name}Wide = {LoadInput(_operands[name], vector)};");
                        }
                    }
                }

                switch (statement.Kind)
                {
                    case StatementKind.Let:
                        w.Line($"{(vector ? "var" : _shape.T)} {statement.Target} = {statement.Value.Render(Code)};");
                        break;
                    case StatementKind.AddToChannel:
                        // The array's value is an operand of its own, so the sum takes the parentheses C# needs and no more.
                        string sum = (new LoopValue.Named(statement.Target) + statement.Value)
                            .Render(name => name == statement.Target ? Load(name, "k", vector) : Code(name));
                        StoreAt(w, statement.Target, "k", sum, vector);
                        break;
                    default:
                        StoreAt(w, statement.Target, $"{_shape.RowOffset(statement.Row)} + k", statement.Value.Render(Code), vector);
                        break;
                }
            }
        }

        private LoopValue.Named Declare(string name, Operand operand, LoopValue? value)
        {
            if (_operands.ContainsKey(name))
            {
                throw new InvalidOperationException($"The row body declares '{name}' twice; each name must stand for one value.");
            }

            _statements.Add(value is null ? new Statement(StatementKind.LoadChannel, name, null, Array: operand.Array) : new Statement(StatementKind.Let, name, Checked(value)));
            _operands.Add(name, operand);
            return new LoopValue.Named(name);
        }

        /// <summary><paramref name="value"/>, once every operand it reads is declared.</summary>
        private LoopValue Checked(LoopValue value)
        {
            foreach (var name in value.OperandNames().Where(n => !_operands.ContainsKey(n)))
            {
                throw new InvalidOperationException($"The row body reads '{name}', which it does not declare (Input, Channel or Let).");
            }

            return value;
        }

        /// <summary>A tensor's value at channel k of its row.</summary>
        private string LoadInput(Operand input, bool vector) => Load(input.Array, $"{_shape.RowOffset(input.Row)} + k", vector);

        private string Load(string array, string index, bool vector) =>
            vector ? _shape.Names.LoadVector(array, index, _shape.Plan.ZeroExtendsOffsets) : _shape.Names.Read(array, index);

        private void StoreAt(IndentedWriter w, string array, string index, string value, bool vector) =>
            w.Line(vector ? _shape.Names.StoreVector(value, array, index, _shape.Plan.ZeroExtendsOffsets) : _shape.Names.Write(array, index, value));

        private enum OperandKind
        {
            /// <summary>A tensor's value in a row of the block, loaded where it is read (or widened once).</summary>
            Input,

            /// <summary>A local holding a per-channel array's value.</summary>
            Channel,

            /// <summary>A local computed in the body.</summary>
            Local,
        }

        private enum StatementKind
        {
            /// <summary>A local set to a per-channel array's value.</summary>
            LoadChannel,
            Let,
            AddToChannel,
            Store,
        }

        private sealed record Operand(OperandKind Kind, string Array = "", int Row = 0);

        /// <summary>A statement: the local, per-channel array or tensor it sets (<paramref name="Target"/>), its value (none
        /// for <see cref="StatementKind.LoadChannel"/>, which loads <paramref name="Array"/>), the row of a store.</summary>
        private sealed record Statement(StatementKind Kind, string Target, LoopValue? Value, int Row = 0, string Array = "");
    }
}
