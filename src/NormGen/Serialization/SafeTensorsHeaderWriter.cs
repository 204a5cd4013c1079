using System.IO;
using System.Text.Json;

namespace NormGen.Serialization
{
    /// <summary>Writes the JSON header of a state dict, its tensors laid out back to back in the dict's order, padded with
    /// spaces so the data starts on an aligned offset.</summary>
    internal static class SafeTensorsHeaderWriter
    {
        public static byte[] Write(StateDict state, int alignment)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                if (state.Metadata.Count > 0)
                {
                    json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                    foreach (var item in state.Metadata) json.WriteString(item.Key, item.Value);
                    json.WriteEndObject();
                }

                long offset = 0;
                foreach (var item in state)
                {
                    StateTensor tensor = item.Value;
                    json.WriteStartObject(item.Key);
                    json.WriteString("dtype", TensorDTypes.Name(tensor.DType));
                    json.WriteStartArray("shape");
                    foreach (long extent in tensor.Shape) json.WriteNumberValue(extent);
                    json.WriteEndArray();
                    json.WriteStartArray("data_offsets");
                    json.WriteNumberValue(offset);
                    offset += tensor.ByteLength;
                    json.WriteNumberValue(offset);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            while (buffer.Length % alignment != 0) buffer.WriteByte((byte)' ');
            return buffer.ToArray();
        }
    }
}
