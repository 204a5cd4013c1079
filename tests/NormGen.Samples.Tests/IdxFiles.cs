using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace NormGen.Samples.Tests
{
    /// <summary>Writes small IDX files (optionally gzip) the way the data set's files are laid out.</summary>
    internal static class IdxFiles
    {
        public static byte[] Images(int count, int rows, int columns, int magic = 0x803)
        {
            var bytes = new byte[16 + count * rows * columns];
            BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
            for (int i = 16; i < bytes.Length; i++)
            {
                bytes[i] = (byte)(i * 7);
            }

            return bytes;
        }

        public static byte[] Labels(int count, int magic = 0x801)
        {
            var bytes = new byte[8 + count];
            BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
            for (int i = 0; i < count; i++)
            {
                bytes[8 + i] = (byte)(i % 10);
            }

            return bytes;
        }

        public static void Write(string path, byte[] bytes)
        {
            if (path.EndsWith(".gz"))
            {
                using var file = File.Create(path);
                using var gzip = new GZipStream(file, CompressionLevel.Fastest);
                gzip.Write(bytes);
            }
            else
            {
                File.WriteAllBytes(path, bytes);
            }
        }
    }
}
