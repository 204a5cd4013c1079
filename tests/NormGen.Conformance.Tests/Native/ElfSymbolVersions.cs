using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace NormGen.Conformance.Tests.Native;

/// <summary>
/// Reads and edits the GNU symbol-versioning sections of a little-endian ELF64 shared library held in memory:
/// <c>.gnu.version_d</c> (the versions a library defines) and <c>.gnu.version_r</c> (the versions it needs from
/// other libraries). Only the fields these two tasks touch are decoded; offsets follow the System V gABI and the
/// Linux Standard Base symbol-versioning chapter.
/// </summary>
internal static class ElfSymbolVersions
{
    private const uint SectionTypeVersionDefinitions = 0x6ffffffd; // SHT_GNU_verdef
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;       // SHT_GNU_verneed

    /// <summary>vna_flags bit telling the dynamic loader that a missing version is not an error (VER_FLG_WEAK).</summary>
    public const ushort WeakVersionFlag = 0x2;

    /// <summary>The version names a library defines (its <c>.gnu.version_d</c>).</summary>
    public static HashSet<string> DefinedVersions(byte[] image)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!TryFindSection(image, SectionTypeVersionDefinitions, out Section verdef))
            return names;
        int entry = checked((int)verdef.Offset);
        for (uint i = 0; i < verdef.Info; i++)
        {
            // Elf64_Verdef: vd_version u16, vd_flags u16, vd_ndx u16, vd_cnt u16, vd_hash u32, vd_aux u32, vd_next u32.
            uint firstAux = ReadU32(image, entry + 12);
            uint next = ReadU32(image, entry + 16);
            // The first Elf64_Verdaux (vda_name u32, vda_next u32) names the version itself; the rest name its parents.
            names.Add(ReadString(image, verdef.StringTableOffset, ReadU32(image, entry + (int)firstAux)));
            if (next == 0)
                break;
            entry += (int)next;
        }

        return names;
    }

    /// <summary>
    /// Sets <see cref="WeakVersionFlag"/> on the requirement of <paramref name="version"/> from <paramref name="library"/>
    /// in <c>.gnu.version_r</c>. Returns false when there is no such requirement; true when it is (now) weak.
    /// </summary>
    public static bool TryMarkNeededVersionWeak(byte[] image, string library, string version, out bool changed)
    {
        changed = false;
        if (!TryFindSection(image, SectionTypeVersionNeeds, out Section verneed))
            return false;
        int need = checked((int)verneed.Offset);
        for (uint i = 0; i < verneed.Info; i++)
        {
            // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
            ushort auxCount = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(need + 2));
            string file = ReadString(image, verneed.StringTableOffset, ReadU32(image, need + 4));
            int aux = need + (int)ReadU32(image, need + 8);
            for (int a = 0; a < auxCount && file == library; a++)
            {
                // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                if (ReadString(image, verneed.StringTableOffset, ReadU32(image, aux + 8)) == version)
                {
                    Span<byte> flagsField = image.AsSpan(aux + 4, 2);
                    ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(flagsField);
                    changed = (flags & WeakVersionFlag) == 0;
                    BinaryPrimitives.WriteUInt16LittleEndian(flagsField, (ushort)(flags | WeakVersionFlag));
                    return true;
                }

                aux += (int)ReadU32(image, aux + 12);
            }

            uint next = ReadU32(image, need + 12);
            if (next == 0)
                break;
            need += (int)next;
        }

        return false;
    }

    private readonly record struct Section(ulong Offset, uint Info, ulong StringTableOffset);

    /// <summary>Finds the first section of <paramref name="type"/>; its sh_link names the string table of its names.</summary>
    private static bool TryFindSection(byte[] image, uint type, out Section section)
    {
        section = default;
        // e_ident: "\x7fELF", class 2 (64-bit), data 1 (little-endian).
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F'
            || image[4] != 2 || image[5] != 1)
            throw new InvalidOperationException("Not a little-endian ELF64 file.");
        ulong headersOffset = BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(0x28)); // e_shoff
        ushort headerSize = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(0x3A));  // e_shentsize
        ushort headerCount = BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(0x3C)); // e_shnum
        for (int i = 0; i < headerCount; i++)
        {
            // Elf64_Shdr: sh_name u32, sh_type u32, sh_flags u64, sh_addr u64, sh_offset u64, sh_size u64, sh_link u32, sh_info u32, ...
            int header = checked((int)headersOffset + i * headerSize);
            if (ReadU32(image, header + 4) != type)
                continue;
            uint link = ReadU32(image, header + 0x28);
            int linked = checked((int)headersOffset + (int)link * headerSize);
            section = new Section(
                BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(header + 0x18)),
                ReadU32(image, header + 0x2C),
                BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(linked + 0x18)));
            return true;
        }

        return false;
    }

    private static uint ReadU32(byte[] image, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(offset));

    private static string ReadString(byte[] image, ulong tableOffset, uint index)
    {
        int start = checked((int)(tableOffset + index));
        int end = Array.IndexOf(image, (byte)0, start);
        return Encoding.ASCII.GetString(image, start, end - start);
    }
}
