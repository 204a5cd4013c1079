using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace NormGen.Serialization
{
    /// <summary>
    /// The JSON header of a safetensors file, parsed and checked against the size of the data that follows it:
    /// <c>{"name": {"dtype": "F32", "shape": [64], "data_offsets": [0, 256]}, ..., "__metadata__": {"k": "v"}}</c>.
    /// Every tensor's byte range must match its dtype and shape, lie inside the data, and the ranges must cover the
    /// data exactly, without overlap or gap, as the format requires.
    /// </summary>
    internal static class SafeTensorsHeader
    {
        public const string MetadataKey = "__metadata__";

        /// <summary>The largest header accepted; a larger length field is taken as a corrupt file.</summary>
        public const long MaxLength = 100_000_000;

        public static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(byte[] json, long dataLength)
        {
            if (!System.Text.Unicode.Utf8.IsValid(json))
            {
                throw new StateDictException(null, "the header is not valid JSON: it is not UTF-8 text.");
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            }
            catch (JsonException e)
            {
                throw new StateDictException(null, "the header is not valid JSON: " + e.Message);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new StateDictException(null, "the header is JSON " + document.RootElement.ValueKind + ", not an object.");
                }

                var entries = new List<SafeTensorsEntry>();
                var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (JsonProperty property in document.RootElement.EnumerateObject())
                {
                    if (!seen.Add(property.Name)) throw new StateDictException(property.Name, "appears twice in the header.");
                    if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata);
                    else entries.Add(ReadEntry(property.Name, property.Value));
                }

                CheckCoverage(entries, dataLength);
                return (entries, metadata);
            }
        }

        private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata)
        {
            if (value.ValueKind != JsonValueKind.Object) throw new StateDictException(null, "__metadata__ is not an object of strings.");
            foreach (JsonProperty item in value.EnumerateObject())
            {
                if (item.Value.ValueKind != JsonValueKind.String || metadata.ContainsKey(item.Name))
                {
                    throw new StateDictException(null, "__metadata__ entry '" + item.Name + "' is not a string, or appears twice.");
                }

                metadata.Add(item.Name, item.Value.GetString()!);
            }
        }

        private static SafeTensorsEntry ReadEntry(string name, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object) throw new StateDictException(name, "the header entry is not an object.");
            string? dtypeName = null;
            long[]? shape = null;
            long[]? offsets = null;
            foreach (JsonProperty field in value.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "dtype" when dtypeName is null && field.Value.ValueKind == JsonValueKind.String:
                        dtypeName = field.Value.GetString()!;
                        break;
                    case "shape" when shape is null:
                        shape = ReadIntegers(name, "shape", field.Value);
                        break;
                    case "data_offsets" when offsets is null:
                        offsets = ReadIntegers(name, "data_offsets", field.Value);
                        break;
                    default:
                        throw new StateDictException(name, "unexpected, repeated or mistyped field '" + field.Name + "' in the header entry.");
                }
            }

            if (dtypeName is null || shape is null || offsets is null)
            {
                throw new StateDictException(name, "the header entry lacks " + (dtypeName is null ? "dtype" : shape is null ? "shape" : "data_offsets") + ".");
            }

            if (!TensorDTypes.TryParse(dtypeName, out TensorDType dtype)) throw new StateDictException(name, "unknown dtype '" + dtypeName + "'.");
            if (offsets.Length != 2) throw new StateDictException(name, "data_offsets has " + offsets.Length + " numbers, not 2.");
            long begin = offsets[0];
            long end = offsets[1];
            if (end < begin) throw new StateDictException(name, "data_offsets [" + begin + ", " + end + "] end before they begin.");
            long count = TensorShapes.ElementCount(shape, name);
            long bytes;
            try
            {
                bytes = checked(count * TensorDTypes.Size(dtype));
            }
            catch (OverflowException)
            {
                throw new StateDictException(name, "shape " + TensorShapes.Describe(shape) + " of " + dtypeName + " is larger than a file can be.");
            }

            if (end - begin != bytes)
            {
                throw new StateDictException(name, "data_offsets [" + begin + ", " + end + "] span " + (end - begin) + " bytes, but shape "
                    + TensorShapes.Describe(shape) + " of " + dtypeName + " needs " + bytes + ".");
            }

            return new SafeTensorsEntry(name, dtype, shape, begin, end);
        }

        private static long[] ReadIntegers(string name, string field, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Array) throw new StateDictException(name, field + " is not an array.");
            var numbers = new long[value.GetArrayLength()];
            int i = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long number) || number < 0)
                {
                    throw new StateDictException(name, field + " holds " + item.GetRawText() + ", not a non-negative integer.");
                }

                numbers[i++] = number;
            }

            return numbers;
        }

        private static void CheckCoverage(List<SafeTensorsEntry> entries, long dataLength)
        {
            long next = 0;
            SafeTensorsEntry? previous = null;
            foreach (SafeTensorsEntry entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
            {
                if (entry.End > dataLength)
                {
                    throw new StateDictException(entry.Name, "data_offsets [" + entry.Begin + ", " + entry.End + "] reach beyond the "
                        + dataLength + " bytes of data in the file.");
                }

                if (entry.Begin < next)
                {
                    throw new StateDictException(entry.Name, "data_offsets [" + entry.Begin + ", " + entry.End + "] overlap those of '" + previous!.Name + "'.");
                }

                if (entry.Begin > next)
                {
                    throw new StateDictException(entry.Name, "data_offsets begin at " + entry.Begin + ", leaving bytes " + next + " to " + entry.Begin
                        + " of the data unused.");
                }

                next = entry.End;
                previous = entry;
            }

            if (next != dataLength)
            {
                throw new StateDictException(null, "the tensors cover " + next + " bytes of data, but the file holds " + dataLength + ".");
            }
        }
    }
}
