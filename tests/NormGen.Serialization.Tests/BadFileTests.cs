using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    /// <summary>Files broken in one known way each: every one throws <see cref="StateDictException"/> naming the
    /// tensor (when one is at fault) and the problem, read from memory and memory-mapped alike.</summary>
    public class BadFileTests
    {
        private const string Weight = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

        /// <summary>A length field, the header as given, and <paramref name="dataLength"/> bytes of data.</summary>
        private static byte[] Build(string header, int dataLength, ulong? lengthField = null)
        {
            byte[] json = Encoding.UTF8.GetBytes(header);
            var file = new byte[8 + json.Length + dataLength];
            BinaryPrimitives.WriteUInt64LittleEndian(file, lengthField ?? (ulong)json.Length);
            json.CopyTo(file, 8);
            for (int i = 0; i < dataLength; i++) file[8 + json.Length + i] = (byte)(i + 1);
            return file;
        }

        private static void Rejects(byte[] file, string? tensor, string problem)
        {
            var inMemory = Assert.Throws<StateDictException>(() => SafeTensors.Load(file));
            Assert.Equal(tensor, inMemory.TensorName);
            Assert.Contains(problem, inMemory.Message);
            if (tensor is not null) Assert.Contains("'" + tensor + "'", inMemory.Message);

            string path = TestData.TempFile("bad.safetensors");
            File.WriteAllBytes(path, file);
            var mapped = Assert.Throws<StateDictException>(() => SafeTensors.Open(path));
            Assert.Equal(inMemory.Message, mapped.Message);
        }

        [Fact]
        public void The_well_formed_file_the_cases_spoil_is_accepted() =>
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, SafeTensors.Load(Build("{" + Weight + "}", 8))["w"].Data.ToArray());

        [Fact]
        public void Too_short_for_the_length_field() => Rejects(new byte[] { 3, 0, 0 }, null, "fewer than the 8 bytes");

        [Fact]
        public void An_empty_file() => Rejects(Array.Empty<byte>(), null, "fewer than the 8 bytes");

        [Fact]
        public void Header_length_beyond_the_file() => Rejects(Build("{" + Weight + "}", 8, 4000), null, "reaches beyond the end of the file");

        [Fact]
        public void Header_length_absurdly_large() => Rejects(Build("{" + Weight + "}", 8, ulong.MaxValue), null, "the file is corrupt");

        [Fact]
        public void Truncated_data() => Rejects(Build("{" + Weight + "}", 5), "w", "reach beyond the 5 bytes of data");

        [Fact]
        public void Data_left_over() => Rejects(Build("{" + Weight + "}", 12), null, "cover 8 bytes of data, but the file holds 12");

        [Fact]
        public void Malformed_json() => Rejects(Build("{\"w\":{\"dtype\":\"F32\",", 0), null, "not valid JSON");

        [Fact]
        public void Not_utf8()
        {
            byte[] file = Build("{\"ab\":{}}", 0);
            file[10] = 0xC3;
            Rejects(file, null, "not valid JSON");
        }

        [Fact]
        public void Json_that_is_not_an_object() => Rejects(Build("[1, 2]", 0), null, "not an object");

        [Fact]
        public void Entry_that_is_not_an_object() => Rejects(Build("{\"w\":[0, 8]}", 8), "w", "not an object");

        [Fact]
        public void Unknown_dtype() => Rejects(Build("{" + Weight.Replace("F32", "F31") + "}", 8), "w", "unknown dtype 'F31'");

        [Fact]
        public void Lower_case_dtype() => Rejects(Build("{" + Weight.Replace("F32", "f32") + "}", 8), "w", "unknown dtype 'f32'");

        [Fact]
        public void Negative_extent() => Rejects(Build("{" + Weight.Replace("[2]", "[-2]") + "}", 8), "w", "not a non-negative integer");

        [Fact]
        public void Fractional_extent() => Rejects(Build("{" + Weight.Replace("[2]", "[2.5]") + "}", 8), "w", "not a non-negative integer");

        [Fact]
        public void Shape_not_an_array() => Rejects(Build("{" + Weight.Replace("[2]", "2") + "}", 8), "w", "shape is not an array");

        [Fact]
        public void Shape_too_large_for_a_count() =>
            Rejects(Build("{" + Weight.Replace("[2]", "[4294967296,4294967296]") + "}", 8), "w", "more values than a 64-bit count holds");

        [Fact]
        public void Offsets_of_the_wrong_size() => Rejects(Build("{" + Weight.Replace("[0,8]", "[0,12]") + "}", 12), "w", "span 12 bytes, but shape [2] of F32 needs 8");

        [Fact]
        public void Offsets_that_end_before_they_begin() => Rejects(Build("{" + Weight.Replace("[0,8]", "[8,0]") + "}", 8), "w", "end before they begin");

        [Fact]
        public void Three_offsets() => Rejects(Build("{" + Weight.Replace("[0,8]", "[0,8,8]") + "}", 8), "w", "has 3 numbers, not 2");

        [Fact]
        public void Offsets_outside_the_data() => Rejects(Build("{" + Weight.Replace("[0,8]", "[8,16]") + "}", 8), "w", "reach beyond the 8 bytes");

        [Fact]
        public void Overlapping_offsets() =>
            Rejects(Build("{" + Weight + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "b", "overlap those of 'w'");

        [Fact]
        public void A_gap_between_tensors() =>
            Rejects(Build("{" + Weight + ",\"b\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[12,16]}}", 16), "b", "leaving bytes 8 to 12 of the data unused");

        [Fact]
        public void A_duplicate_name() => Rejects(Build("{" + Weight + "," + Weight + "}", 8), "w", "appears twice");

        [Fact]
        public void An_unknown_field() => Rejects(Build("{" + Weight.Replace("}", ",\"layout\":\"NCHW\"}") + "}", 8), "w", "unexpected, repeated or mistyped field 'layout'");

        [Fact]
        public void A_missing_field() => Rejects(Build("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "w", "lacks data_offsets");

        [Fact]
        public void Metadata_that_is_not_text() => Rejects(Build("{\"__metadata__\":{\"epoch\":3}," + Weight + "}", 8), null, "'epoch' is not a string");

        [Fact]
        public void Nesting_too_deep() => Rejects(Build("{\"w\":" + new string('[', 40) + new string(']', 40) + "}", 0), null, "not valid JSON");
    }
}
