using System;
using System.Collections.Generic;
using System.Text;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// A value computed in a <see cref="VectorLoop"/> body: a named operand, an arithmetic operation or a call. One value
    /// serves the vector loop and the scalar tail: the loop that renders it says what each name stands for there (a
    /// load at the run's index, a broadcast, a local). Written with C#'s operators, it renders with the parentheses
    /// that C#'s precedence needs and no others.
    /// </summary>
    internal abstract record LoopValue
    {
        private const int Sum = 1, Product = 2, Atom = 3;

        public static LoopValue operator +(LoopValue left, LoopValue right) => new Operation(left, "+", Sum, right);

        public static LoopValue operator -(LoopValue left, LoopValue right) => new Operation(left, "-", Sum, right);

        public static LoopValue operator *(LoopValue left, LoopValue right) => new Operation(left, "*", Product, right);

        /// <summary><c>function(arguments)</c>: the function takes a scalar or a vector alike (an activation, say).</summary>
        public static LoopValue Call(string function, params LoopValue[] arguments) => new Invocation(function, arguments);

        /// <summary>The names of the operands this value reads, left to right, each time it reads them.</summary>
        public IEnumerable<string> OperandNames()
        {
            var names = new List<string>();
            CollectOperands(names);
            return names;
        }

        /// <summary>The value as C#, with <paramref name="operand"/> giving the code of each operand name.</summary>
        public string Render(Func<string, string> operand)
        {
            var text = new StringBuilder();
            Write(text, operand);
            return text.ToString();
        }

        private protected abstract int Precedence { get; }

        private protected abstract void Write(StringBuilder text, Func<string, string> operand);

        private protected abstract void CollectOperands(List<string> names);

        /// <summary>Writes <paramref name="value"/>, in parentheses when it binds looser than <paramref name="binding"/>.</summary>
        private static void WriteOperand(StringBuilder text, LoopValue value, int binding, Func<string, string> operand)
        {
            bool parenthesised = value.Precedence < binding;
            text.Append(parenthesised ? "(" : "");
            value.Write(text, operand);
            text.Append(parenthesised ? ")" : "");
        }

        /// <summary>An operand the loop declared (<see cref="VectorLoop.Read"/>, <see cref="VectorLoop.Broadcast"/>,
        /// <see cref="VectorLoop.Let"/>), by its name in the generated code.</summary>
        public sealed record Named(string Name) : LoopValue
        {
            private protected override int Precedence => Atom;

            private protected override void Write(StringBuilder text, Func<string, string> operand) => text.Append(operand(Name));

            private protected override void CollectOperands(List<string> names) => names.Add(Name);
        }

        /// <summary>A binary operation; C#'s operators associate to the left, so a right operand of the same precedence
        /// keeps its parentheses (a - (b - c)).</summary>
        public sealed record Operation(LoopValue Left, string Operator, int Binding, LoopValue Right) : LoopValue
        {
            private protected override int Precedence => Binding;

            private protected override void Write(StringBuilder text, Func<string, string> operand)
            {
                WriteOperand(text, Left, Binding, operand);
                text.Append(' ').Append(Operator).Append(' ');
                WriteOperand(text, Right, Binding + 1, operand);
            }

            private protected override void CollectOperands(List<string> names)
            {
                Left.CollectOperands(names);
                Right.CollectOperands(names);
            }
        }

        public sealed record Invocation(string Function, IReadOnlyList<LoopValue> Arguments) : LoopValue
        {
            private protected override int Precedence => Atom;

            private protected override void Write(StringBuilder text, Func<string, string> operand)
            {
                text.Append(Function).Append('(');
                for (int k = 0; k < Arguments.Count; k++)
                {
                    text.Append(k == 0 ? "" : ", ");
                    Arguments[k].Write(text, operand);
                }

                text.Append(')');
            }

            private protected override void CollectOperands(List<string> names)
            {
                foreach (var argument in Arguments)
                {
                    argument.CollectOperands(names);
                }
            }
        }
    }
}
