using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace NormGen.Serialization
{
    /// <summary>
    /// Reads and writes the safetensors format, in which PyTorch and Hugging Face exchange weights: an 8-byte
    /// little-endian header length, a JSON header naming every tensor's dtype, shape and byte range, then the raw
    /// little-endian data. Everything read is checked before a tensor is returned; a bad file throws
    /// <see cref="StateDictException"/>, never anything else.
    /// </summary>
    /// <example>
    /// <code>
    /// using var file = SafeTensors.Open("model.safetensors");      // memory-mapped: a multi-GB file is fine
    /// stem.LoadStateDict(file.Tensors, "bn1");                     // bn1.weight, bn1.bias, bn1.running_mean, ...
    ///
    /// var state = new StateDict();
    /// stem.SaveStateDict(state, "bn1");
    /// SafeTensors.Save(state, "bn1.safetensors");
    /// </code>
    /// </example>
    public static class SafeTensors
    {
        private const int HeaderAlignment = 8;

        /// <summary>Saves <paramref name="state"/> (and its <see cref="StateDict.Metadata"/>) to a file, replacing it.</summary>
        public static void Save(StateDict state, string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
            Save(state, stream);
        }

        /// <summary>Writes <paramref name="state"/> (and its <see cref="StateDict.Metadata"/>) to a stream, tensor by tensor.</summary>
        public static void Save(StateDict state, Stream stream)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            byte[] header = SafeTensorsHeaderWriter.Write(state, HeaderAlignment);
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (StateTensor tensor in state.Values) stream.Write(tensor.Data);
        }

        /// <summary>Reads a whole safetensors file held in memory.</summary>
        /// <exception cref="StateDictException">The file is truncated or malformed.</exception>
        public static StateDict Load(byte[] file)
        {
            if (file is null) throw new ArgumentNullException(nameof(file));
            return Load(new MemoryStream(file, writable: false));
        }

        /// <summary>Reads a safetensors file from a stream into memory (the data must fit in one array; for larger files
        /// use <see cref="Open"/>).</summary>
        /// <exception cref="StateDictException">The file is truncated or malformed.</exception>
        public static StateDict Load(Stream stream)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            long? remaining = stream.CanSeek ? stream.Length - stream.Position : null;
            byte[] header = ReadHeader(stream, remaining);
            byte[] data = ReadData(stream, remaining - 8 - header.Length);
            var (entries, metadata) = SafeTensorsHeader.Parse(header, data.Length);
            var state = new StateDict();
            foreach (var item in metadata) state.Metadata.Add(item.Key, item.Value);
            foreach (SafeTensorsEntry entry in entries)
            {
                var bytes = new ArrayTensorBytes(data, (int)entry.Begin, (int)(entry.End - entry.Begin));
                state.Add(entry.Name, new StateTensor(entry.DType, entry.Shape, bytes));
            }

            return state;
        }

        /// <summary>Opens a safetensors file memory-mapped: the header is read and checked now, each tensor's values when
        /// they are asked for, so only the tensors loaded are read from disk. Dispose the result when done.</summary>
        /// <exception cref="StateDictException">The file is truncated or malformed.</exception>
        public static SafeTensorsFile Open(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            try
            {
                long length = stream.Length;
                byte[] header = ReadHeader(stream, length);
                long dataStart = 8 + header.Length;
                var (entries, metadata) = SafeTensorsHeader.Parse(header, length - dataStart);
                return new SafeTensorsFile(stream, dataStart, length - dataStart, entries, metadata);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>The length field and the header it announces; <paramref name="remaining"/> is the stream's size from
        /// here when known.</summary>
        internal static byte[] ReadHeader(Stream stream, long? remaining)
        {
            Span<byte> lengthField = stackalloc byte[8];
            if (remaining < 8 || ReadFully(stream, lengthField) < 8)
            {
                throw new StateDictException(null, "the file has fewer than the 8 bytes of the header length.");
            }

            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(lengthField);
            if (length > SafeTensorsHeader.MaxLength)
            {
                throw new StateDictException(null, "the header length " + length + " is larger than " + SafeTensorsHeader.MaxLength + " bytes; the file is corrupt.");
            }

            if (remaining is long known && (long)length > known - 8)
            {
                throw new StateDictException(null, "the header length " + length + " reaches beyond the end of the file (" + known + " bytes).");
            }

            var header = new byte[length];
            if (ReadFully(stream, header) < header.Length)
            {
                throw new StateDictException(null, "the file ends inside the " + length + "-byte header.");
            }

            return header;
        }

        private static byte[] ReadData(Stream stream, long? length)
        {
            if (length is long known)
            {
                if (known > Array.MaxLength) throw new StateDictException(null, "the data (" + known + " bytes) does not fit in memory; open the file with SafeTensors.Open.");
                var data = new byte[known];
                if (ReadFully(stream, data) < data.Length) throw new StateDictException(null, "the file ends before its data.");
                return data;
            }

            var rest = new MemoryStream();
            stream.CopyTo(rest);
            return rest.ToArray();
        }

        private static int ReadFully(Stream stream, Span<byte> buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int read = stream.Read(buffer.Slice(total));
                if (read == 0) break;
                total += read;
            }

            return total;
        }
    }
}
