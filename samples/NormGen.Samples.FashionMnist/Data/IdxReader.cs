using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace NormGen.Samples.FashionMnist.Data
{
    /// <summary>
    /// Reads IDX files (the MNIST format): a big-endian magic 0x0000 08 d (unsigned bytes, d dimensions), d big-endian
    /// extents, then the bytes. Files ending in <c>.gz</c> are decompressed on the way.
    /// </summary>
    public static class IdxReader
    {
        /// <summary>Magic of a file of unsigned bytes with one dimension (labels).</summary>
        public const int LabelMagic = 0x00000801;

        /// <summary>Magic of a file of unsigned bytes with three dimensions (images).</summary>
        public const int ImageMagic = 0x00000803;

        /// <summary>Reads a label file: <c>count</c> bytes, each a class 0–9.</summary>
        public static byte[] ReadLabels(string path)
        {
            byte[] file = ReadAll(path);
            int[] extents = ReadHeader(path, file, LabelMagic, 1, "labels");
            byte[] labels = Payload(path, file, extents, 1);
            for (int i = 0; i < labels.Length; i++)
            {
                if (labels[i] > 9)
                {
                    throw new IdxFormatException($"{path}: label {i} is {labels[i]}; expected a class from 0 to 9.");
                }
            }

            return labels;
        }

        /// <summary>Reads an image file: <c>count × rows × columns</c> bytes, row-major.</summary>
        public static (byte[] Pixels, int Count, int Rows, int Columns) ReadImages(string path)
        {
            byte[] file = ReadAll(path);
            int[] extents = ReadHeader(path, file, ImageMagic, 3, "images");
            byte[] pixels = Payload(path, file, extents, 3);
            return (pixels, extents[0], extents[1], extents[2]);
        }

        private static byte[] ReadAll(string path)
        {
            if (!File.Exists(path))
            {
                throw new IdxFormatException($"{path}: file not found.");
            }

            try
            {
                using var stream = File.OpenRead(path);
                using var buffer = new MemoryStream();
                if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                {
                    using var gzip = new GZipStream(stream, CompressionMode.Decompress);
                    gzip.CopyTo(buffer);
                }
                else
                {
                    stream.CopyTo(buffer);
                }

                return buffer.ToArray();
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                throw new IdxFormatException($"{path}: cannot be read as {(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? "a gzip file" : "a file")} ({e.Message}).", e);
            }
        }

        private static int[] ReadHeader(string path, byte[] file, int magic, int dimensions, string what)
        {
            int headerLength = 4 + 4 * dimensions;
            if (file.Length < headerLength)
            {
                throw new IdxFormatException($"{path}: truncated: {file.Length} bytes, shorter than the {headerLength}-byte IDX header of {what}.");
            }

            int actual = BinaryPrimitives.ReadInt32BigEndian(file);
            if (actual != magic)
            {
                throw new IdxFormatException($"{path}: magic number 0x{actual:X8}; expected 0x{magic:X8} (IDX {what}: unsigned bytes, {dimensions} dimension{(dimensions == 1 ? "" : "s")}).");
            }

            var extents = new int[dimensions];
            for (int d = 0; d < dimensions; d++)
            {
                extents[d] = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(4 + 4 * d));
                if (extents[d] <= 0)
                {
                    throw new IdxFormatException($"{path}: dimension {d} is {extents[d]}; expected a positive extent.");
                }
            }

            return extents;
        }

        private static byte[] Payload(string path, byte[] file, int[] extents, int dimensions)
        {
            int headerLength = 4 + 4 * dimensions;
            long expected = 1;
            foreach (int extent in extents)
            {
                expected *= extent;
            }

            long actual = file.Length - headerLength;
            if (actual != expected)
            {
                throw new IdxFormatException(
                    $"{path}: {(actual < expected ? "truncated" : "too long")}: {actual} data bytes after the header; expected {expected} ({string.Join(" × ", extents)}).");
            }

            return file.AsSpan(headerLength).ToArray();
        }
    }
}
