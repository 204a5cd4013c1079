using System;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes C# text line by line with four-space indentation and LF line endings.</summary>
    internal sealed class IndentedWriter
    {
        private readonly StringBuilder _text;
        private int _depth;

        /// <param name="capacity">The expected length: a whole file's writer starts large enough not to grow chunk by chunk.</param>
        public IndentedWriter(int capacity = 256) => _text = new StringBuilder(capacity);

        public IndentedWriter Line(string line = "")
        {
            if (line.Length > 0)
            {
                Indented(line, 0, line.Length);
            }
            else
            {
                _text.Append('\n');
            }

            return this;
        }

        /// <summary>Writes text rendered by another writer at depth 0, line by line, at this writer's depth.</summary>
        public IndentedWriter Lines(string text)
        {
            // Copies each line straight from the text, without a string per line.
            int start = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                if (end > start)
                {
                    Indented(text, start, end - start);
                }

                start = end + 1;
            }

            return this;
        }

        /// <summary>Appends text[start, start + length) as one line at the current depth.</summary>
        private void Indented(string text, int start, int length)
        {
            _text.Append(' ', _depth * 4);
            _text.Append(text, start, length);
            _text.Append('\n');
        }

        /// <summary>Writes an opening brace and indents until the returned scope is disposed.</summary>
        public IDisposable Block(string header)
        {
            Line(header);
            Line("{");
            _depth++;
            return new Scope(this, "}");
        }

        /// <summary>An opening brace alone, closed with <paramref name="closing"/> (for example <c>"};"</c>).</summary>
        public IDisposable Braces(string closing = "}")
        {
            Line("{");
            _depth++;
            return new Scope(this, closing);
        }

        public override string ToString() => _text.ToString();

        /// <summary>The text as a UTF-8 <see cref="SourceText"/>, read from the builder in pieces: a layer's file is
        /// 20 000 to 60 000 characters, and as one string it would land on the large object heap, whose allocations
        /// cost the generator more garbage collection than everything else it allocates (the compiler keeps a text
        /// this long in pieces anyway).</summary>
        public SourceText ToSourceText() => _text.Length < LargeObjectCharacters
            ? SourceText.From(_text.ToString(), Encoding.UTF8)
            : SourceText.From(new BuilderReader(_text), _text.Length, Encoding.UTF8);

        /// <summary>Strings of this many characters or more are allocated on the large object heap (85 000 bytes).</summary>
        private const int LargeObjectCharacters = 85000 / sizeof(char);

        /// <summary>Drops a blank line written just before a closing brace.</summary>
        private void TrimBlankLine()
        {
            int length = _text.Length;
            if (length >= 2 && _text[length - 1] == '\n' && _text[length - 2] == '\n')
            {
                _text.Length = length - 1;
            }
        }

        /// <summary>Reads a <see cref="StringBuilder"/> without copying it into one string.</summary>
        private sealed class BuilderReader : TextReader
        {
            private readonly StringBuilder _text;
            private int _position;

            public BuilderReader(StringBuilder text) => _text = text;

            public override int Peek() => _position < _text.Length ? _text[_position] : -1;

            public override int Read() => _position < _text.Length ? _text[_position++] : -1;

            public override int Read(char[] buffer, int index, int count)
            {
                int n = Math.Min(count, _text.Length - _position);
                _text.CopyTo(_position, buffer, index, n);
                _position += n;
                return n;
            }
        }

        private sealed class Scope : IDisposable
        {
            private readonly IndentedWriter _writer;
            private readonly string _closing;

            public Scope(IndentedWriter writer, string closing)
            {
                _writer = writer;
                _closing = closing;
            }

            public void Dispose()
            {
                _writer.TrimBlankLine();
                _writer._depth--;
                _writer.Line(_closing);
            }
        }
    }
}
