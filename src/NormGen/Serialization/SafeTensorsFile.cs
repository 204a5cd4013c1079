using System;
using System.Collections.Generic;
using System.IO;
using System.IO.MemoryMappedFiles;

namespace NormGen.Serialization
{
    /// <summary>
    /// A safetensors file opened memory-mapped by <see cref="SafeTensors.Open"/>: its header checked, its tensors read
    /// from the mapping when their values are asked for. The tensors are valid until the file is disposed.
    /// </summary>
    public sealed unsafe class SafeTensorsFile : IDisposable
    {
        private readonly FileStream _stream;
        private readonly MemoryMappedFile? _map;
        private readonly MemoryMappedViewAccessor? _view;
        private readonly byte* _data;
        private bool _disposed;

        internal SafeTensorsFile(FileStream stream, long dataStart, long dataLength, List<SafeTensorsEntry> entries, Dictionary<string, string> metadata)
        {
            _stream = stream;
            if (dataLength > 0)
            {
                _map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
                _view = _map.CreateViewAccessor(dataStart, dataLength, MemoryMappedFileAccess.Read);
                byte* pointer = null;
                _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                _data = pointer + _view.PointerOffset;
            }

            Tensors = new StateDict();
            foreach (var item in metadata) Tensors.Metadata.Add(item.Key, item.Value);
            foreach (SafeTensorsEntry entry in entries)
            {
                Tensors.Add(entry.Name, new StateTensor(entry.DType, entry.Shape, new MappedTensorBytes(this, entry.Begin, entry.End - entry.Begin)));
            }
        }

        /// <summary>The tensors, in the file's header order.</summary>
        public StateDict Tensors { get; }

        /// <summary>Unmaps and closes the file.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (_view is not null)
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
                _view.Dispose();
            }

            _map?.Dispose();
            _stream.Dispose();
        }

        private ReadOnlySpan<byte> Span(long offset, long length, string? tensorName)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(SafeTensorsFile), "The tensor's file has been disposed.");
            if (length > int.MaxValue) throw new StateDictException(tensorName, "has " + length + " bytes, more than one span addresses.");
            return length == 0 ? ReadOnlySpan<byte>.Empty : new ReadOnlySpan<byte>(_data + offset, (int)length);
        }

        private sealed class MappedTensorBytes : TensorBytes
        {
            private readonly SafeTensorsFile _file;
            private readonly long _offset;
            private readonly long _length;

            public MappedTensorBytes(SafeTensorsFile file, long offset, long length)
            {
                _file = file;
                _offset = offset;
                _length = length;
            }

            public override long Length => _length;

            public override ReadOnlySpan<byte> Span(string? tensorName) => _file.Span(_offset, _length, tensorName);
        }
    }
}
