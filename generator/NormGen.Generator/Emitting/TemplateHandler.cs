using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes a raw interpolated template into an <see cref="IndentedWriter"/> piece by piece as the compiler hands the
    /// pieces over, without building the template's string (see <see cref="IndentedWriter.Template(ref TemplateHandler)"/>).
    /// </summary>
    /// <remarks>
    /// Each line goes at the writer's depth plus the line's own leading indentation, a tab or four spaces a level (a raw
    /// string literal keeps the indentation relative to its closing quotes), and is wrapped as
    /// <see cref="IndentedWriter.Line"/> wraps. A value spanning lines puts its further lines at the level of the line it
    /// started on, plus their own leading tabs (text rendered by another writer at depth 0); its final line break is
    /// dropped, so such text fills the template line it stands on. A blank template line stays an empty line, the last
    /// one too (a blank line before the closing quotes ends the template with one); a line holding only values that are
    /// all empty is left out, so a value may be a line written only sometimes. A value is a string or a number (written
    /// in the invariant culture); a value must not write to the same writer while the template is being written.
    /// </remarks>
    [InterpolatedStringHandler]
    internal ref struct TemplateHandler
    {
        private readonly IndentedWriter _writer;

        // The current line: the levels it adds to the writer's depth, leading spaces short of a level, where it begins in
        // the buffer, where its text begins after the indentation (-1 before its first character), whether it holds a value.
        private int _levels;
        private int _spaces;
        private int _lineStart;
        private int _textStart;
        private bool _holdsValue;

        // The levels of the line the value being appended started on: where its further lines start.
        private int _valueLevels;

        public TemplateHandler(int literalLength, int formattedCount, IndentedWriter writer)
        {
            _writer = writer;
            _levels = 0;
            _spaces = 0;
            _lineStart = 0;
            _textStart = -1;
            _holdsValue = false;
            _valueLevels = 0;
        }

        public void AppendLiteral(string text) => Append(text, text.Length, inValue: false);

        public void AppendFormatted(string? value)
        {
            _holdsValue = true;
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            _valueLevels = _levels;
            Append(value!, value![value.Length - 1] == '\n' ? value.Length - 1 : value.Length, inValue: true);
        }

        public void AppendFormatted(int value) => AppendFormatted(value.ToString(CultureInfo.InvariantCulture));

        /// <summary>A number or other formattable value. Nothing else is taken, so that a method group or an object whose
        /// text is its type name cannot slip into generated code.</summary>
        public void AppendFormatted<T>(T value)
            where T : IFormattable => AppendFormatted(value.ToString(null, CultureInfo.InvariantCulture));

        /// <summary>Ends the last line: the text after the template's last line break (empty when a blank line stands
        /// before the closing quotes).</summary>
        internal void Finish() => EndLine();

        private void Append(string text, int end, bool inValue)
        {
            var buffer = _writer.Buffer;
            int i = 0;
            while (i < end)
            {
                char c = text[i];
                if (c == '\n')
                {
                    EndLine();
                    _levels = inValue ? _valueLevels : 0;
                    i++;
                    continue;
                }

                if (_textStart < 0)
                {
                    // Leading whitespace is indentation; a line break's carriage return is dropped.
                    if (c == '\t' || c == '\r')
                    {
                        _levels += c == '\t' ? 1 : 0;
                        i++;
                        continue;
                    }

                    if (c == ' ')
                    {
                        if (++_spaces == 4)
                        {
                            _levels++;
                            _spaces = 0;
                        }

                        i++;
                        continue;
                    }

                    _lineStart = buffer.Length;
                    buffer.Append('\t', _writer.Depth + _levels);
                    _textStart = buffer.Length;
                    buffer.Append(' ', _spaces);
                }

                int lineEnd = text.IndexOf('\n', i, end - i);
                int stop = lineEnd < 0 ? end : lineEnd > i && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                buffer.Append(text, i, stop - i);
                i = lineEnd < 0 ? end : lineEnd;
            }
        }

        private void EndLine()
        {
            if (_textStart >= 0)
            {
                _writer.EndLine(_lineStart, _textStart);
            }
            else if (!_holdsValue)
            {
                _writer.Buffer.Append('\n');
            }

            _textStart = -1;
            _spaces = 0;
            _holdsValue = false;
        }
    }
}
