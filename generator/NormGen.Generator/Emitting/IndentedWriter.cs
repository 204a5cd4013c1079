using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes C# text line by line, indented with tabs, with LF line endings.</summary>
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

        /// <summary>Writes a raw interpolated template at the current depth, each line indented by its own leading
        /// indentation relative to the template's; see <see cref="TemplateHandler"/> for values that span lines, blank
        /// lines and lines left out.</summary>
        public IndentedWriter Template([InterpolatedStringHandlerArgument("")] ref TemplateHandler template)
        {
            template.Finish();
            return this;
        }

        /// <summary>Writes a template without values (a raw string literal) as <see cref="Template(ref TemplateHandler)"/> does.</summary>
        public IndentedWriter Template(string template)
        {
            var handler = new TemplateHandler(template.Length, 0, this);
            handler.AppendLiteral(template);
            return Template(ref handler);
        }

        internal StringBuilder Buffer => _text;

        /// <summary>Where <paramref name="value"/> first occurs in the text written so far at or after
        /// <paramref name="from"/>, or -1. Searches blocks copied out of the buffer (its indexer walks the buffer's
        /// chunks for every character), small ones first, so that a match near <paramref name="from"/> copies little.</summary>
        internal int IndexOf(string value, int from)
        {
            const int FirstBlock = 512;
            const int LargestBlock = 16 * 1024;
            char[] block = ArrayPool<char>.Shared.Rent(LargestBlock + value.Length);
            try
            {
                // Blocks overlap by one character less than the value, so a match across a block's end is found whole.
                int blockLength = FirstBlock;
                for (int start = from; start <= _text.Length - value.Length; start += blockLength, blockLength = Math.Min(2 * blockLength, LargestBlock))
                {
                    int count = Math.Min(blockLength + value.Length - 1, _text.Length - start);
                    _text.CopyTo(start, block, 0, count);
                    int at = new ReadOnlySpan<char>(block, 0, count).IndexOf(value.AsSpan());
                    if (at >= 0)
                    {
                        return start + at;
                    }
                }

                return -1;
            }
            finally
            {
                ArrayPool<char>.Shared.Return(block);
            }
        }

        internal int Depth => _depth;

        /// <summary>Ends the line a template wrote from <paramref name="lineStart"/>, its text from
        /// <paramref name="textStart"/> on, wrapping it when it is too long.</summary>
        internal void EndLine(int lineStart, int textStart)
        {
            int depth = textStart - lineStart;
            int length = _text.Length - textStart;
            if (LineWrapper.Fits(depth, length))
            {
                _text.Append('\n');
                return;
            }

            string line = _text.ToString(textStart, length);
            _text.Length = lineStart;
            Wrapped(line, depth);
        }

        /// <summary>Appends text[start, start + length) as one line at the current depth, wrapped by
        /// <see cref="LineWrapper"/> when it would be longer than <see cref="LineWrapper.MaxWidth"/>.</summary>
        private void Indented(string text, int start, int length)
        {
            // Text rendered by another writer brings its own leading tabs.
            int tabs = 0;
            while (tabs < length && text[start + tabs] == '\t')
            {
                tabs++;
            }

            int depth = _depth + tabs;
            if (LineWrapper.Fits(depth, length - tabs))
            {
                _text.Append('\t', _depth);
                _text.Append(text, start, length);
                _text.Append('\n');
                return;
            }

            Wrapped(text.Substring(start + tabs, length - tabs), depth);
        }

        /// <summary>Appends <paramref name="line"/> (without its indentation) at <paramref name="depth"/>, broken by <see cref="LineWrapper"/>.</summary>
        private void Wrapped(string line, int depth) => LineWrapper.AppendWrapped(_text, line, depth);

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

        /// <summary>The text as a UTF-8 <see cref="SourceText"/> over the writer's own buffer, without a copy: a layer's
        /// file is 15 000 to 50 000 characters, and copying it (as one string, or into the compiler's chunks) doubled what
        /// the generator allocates. The writer must not be written to afterwards.</summary>
        public SourceText ToSourceText() => new BuilderText(_text);

        /// <summary>Drops a blank line written just before a closing brace.</summary>
        private void TrimBlankLine()
        {
            int length = _text.Length;
            if (length >= 2 && _text[length - 1] == '\n' && _text[length - 2] == '\n')
            {
                _text.Length = length - 1;
            }
        }

        /// <summary>A finished writer's text seen as a <see cref="SourceText"/>.</summary>
        private sealed class BuilderText : SourceText
        {
            private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
            private readonly StringBuilder _text;

            public BuilderText(StringBuilder text) => _text = text;

            public override Encoding Encoding => Utf8;

            public override int Length => _text.Length;

            public override char this[int position] => _text[position];

            public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count) =>
                _text.CopyTo(sourceIndex, destination, destinationIndex, count);

            public override string ToString(TextSpan span) => _text.ToString(span.Start, span.Length);
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
