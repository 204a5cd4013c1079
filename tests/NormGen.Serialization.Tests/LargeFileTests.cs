using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    /// <summary>A file larger than any array (a 3 GB tensor first, as an embedding table in a whole model's file, then a
    /// BatchNorm's tensors): it opens memory-mapped, the layer loads from the end of it, and only asking for the large
    /// tensor's values fails. The file is sparse, so it takes almost no disk.</summary>
    public class LargeFileTests
    {
        private const long Large = 3_000_000_000;

        [Fact]
        public void A_layer_loads_from_a_file_larger_than_an_array()
        {
            var trained = new BatchNorm2d(4);
            TestData.Train(trained, new[] { 2, 4, 3, 3 }, 21);
            StateDict state = trained.ToStateDict("bn");

            var header = new StringBuilder("{\"embedding.weight\":{\"dtype\":\"U8\",\"shape\":[" + Large + "],\"data_offsets\":[0," + Large + "]}");
            long offset = Large;
            foreach (var (name, tensor) in state)
            {
                header.Append(",\"" + name + "\":{\"dtype\":\"" + tensor.DType + "\",\"shape\":[" + string.Join(",", tensor.Shape.ToArray())
                    + "],\"data_offsets\":[" + offset + "," + (offset + tensor.ByteLength) + "]}");
                offset += tensor.ByteLength;
            }

            byte[] json = Encoding.UTF8.GetBytes(header.Append('}').ToString());
            string path = TestData.TempFile("large.safetensors");
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                var length = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
                stream.Write(length);
                stream.Write(json);
                stream.SetLength(8 + json.Length + Large);
                stream.Seek(0, SeekOrigin.End);
                foreach (StateTensor tensor in state.Values) stream.Write(tensor.Data);
            }

            try
            {
                var loaded = new BatchNorm2d(4);
                using (SafeTensorsFile file = SafeTensors.Open(path))
                {
                    Assert.Equal(Large, file.Tensors["embedding.weight"].ElementCount);
                    loaded.LoadStateDict(file.Tensors, "bn");
                    var e = Assert.Throws<StateDictException>(() => file.Tensors["embedding.weight"].ToSingleArray());
                    Assert.Contains("more than one array can", e.Message);
                }

                Assert.Equal(TestData.Snapshot(trained), TestData.Snapshot(loaded));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
