"""Linux: shared libraries of the bundle made smaller without `strip` (pure Python, struct only).

Two cuts, for build/ogicheck.spec (slim_binaries) and tests/test_packaging_slim.py:

1. ICU's data library. Qt6Core links ICU on Linux, and libicudata.so.NN (32 MB, 12 MB compressed) is one ICU
   "common data" package: the exported symbol icudtNN_dat holds a header, a table of contents (item names
   sorted by name, each with its data offset) and the items. Qt reaches only a little of it (ICU_KEEP says
   what and why). The library is rebuilt with a package of only those items (2 MB: less to unpack at each
   start of the one-file exe); where its layout is not the plain one ICU builds, the table of contents is
   rewritten in place instead and the dropped items zeroed (same size, zeros compress to nothing). Either
   way ICU finds a dropped item missing, exactly as in a smaller ICU data build.
2. Symbol tables and debug information (.symtab, .strtab, .debug_*) that the dynamic loader never reads are
   zeroed in place. `strip` would rewrite the file and breaks the patchelf-edited libraries of numpy.libs;
   zeroing moves nothing and never touches a byte inside a loaded segment.
"""

from __future__ import annotations

import re
import struct
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# --- ELF (64-bit little-endian: x86-64 and AArch64 Linux) ---------------------------------------------------

_EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
_PHDR = struct.Struct("<IIQQQQQQ")
_SHDR = struct.Struct("<IIQQQQIIQQ")
_SYM = struct.Struct("<IBBHQQ")
_PT_LOAD, _SHT_SYMTAB, _SHT_NOBITS, _SHT_DYNSYM, _SHF_ALLOC = 1, 2, 8, 11, 0x2


@dataclass(frozen=True)
class Section:
    name: str
    type: int
    flags: int
    offset: int
    size: int
    link: int


@dataclass(frozen=True)
class Segment:
    type: int
    offset: int
    vaddr: int
    filesz: int


@dataclass(frozen=True)
class Elf:
    sections: list[Section]
    segments: list[Segment]
    header_end: int  # end of the ELF header and of both header tables: never zeroed
    tables: tuple[tuple[int, int], ...]  # (start, end) of the program and section header tables


def read_elf(data: bytes | bytearray) -> Elf | None:
    """The sections and segments of a 64-bit little-endian ELF file; None for anything else."""
    if len(data) < _EHDR.size or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    (_ident, _type, _machine, _version, _entry, phoff, shoff, _flags, _ehsize, phentsize, phnum, shentsize,
     shnum, shstrndx) = _EHDR.unpack_from(data, 0)
    if shoff == 0 or shnum == 0 or shstrndx >= shnum or shoff + shnum * shentsize > len(data):
        return None
    segments = []
    for i in range(phnum):
        p_type, _pf, p_offset, p_vaddr, _paddr, p_filesz, _memsz, _align = _PHDR.unpack_from(data, phoff + i * phentsize)
        segments.append(Segment(p_type, p_offset, p_vaddr, p_filesz))
    raw = [_SHDR.unpack_from(data, shoff + i * shentsize) for i in range(shnum)]
    names_at = raw[shstrndx][4]
    sections = []
    for sh_name, sh_type, sh_flags, _addr, sh_offset, sh_size, sh_link, _info, _align, _entsize in raw:
        end = data.index(b"\0", names_at + sh_name)
        sections.append(Section(data[names_at + sh_name:end].decode("ascii", "replace"), sh_type, sh_flags,
                                sh_offset, sh_size, sh_link))
    tables = ((phoff, phoff + phnum * phentsize), (shoff, shoff + shnum * shentsize))
    return Elf(sections, segments, _EHDR.size, tables)


def find_symbol(data: bytes | bytearray, elf: Elf, pattern: re.Pattern[bytes]) -> tuple[str, int, int] | None:
    """The first symbol whose whole name matches: (name, file offset, size), via the loadable segment."""
    for table in (s for s in elf.sections if s.type in (_SHT_DYNSYM, _SHT_SYMTAB)):
        names = elf.sections[table.link].offset
        for at in range(table.offset, table.offset + table.size, _SYM.size):
            st_name, _info, _other, shndx, value, size = _SYM.unpack_from(data, at)
            end = data.index(b"\0", names + st_name)
            if shndx == 0 or not pattern.fullmatch(data[names + st_name:end]):
                continue
            for seg in elf.segments:
                if seg.type == _PT_LOAD and seg.vaddr <= value and value + size <= seg.vaddr + seg.filesz:
                    return data[names + st_name:end].decode("ascii"), seg.offset + value - seg.vaddr, size
    return None


def unloaded_ranges(elf: Elf) -> list[tuple[int, int]]:
    """File ranges of symbol tables and debug information the loader never reads, clear of every loaded
    segment, allocated section and header table (so zeroing them cannot change what runs)."""
    keep_clear = [*elf.tables, (0, elf.header_end)]
    keep_clear += [(s.offset, s.offset + s.filesz) for s in elf.segments if s.type == _PT_LOAD]
    keep_clear += [(s.offset, s.offset + s.size) for s in elf.sections
                   if s.flags & _SHF_ALLOC and s.type != _SHT_NOBITS]
    out = []
    for sec in elf.sections:
        wanted = sec.name in (".symtab", ".strtab") or sec.name.startswith(".debug_")
        if not wanted or sec.flags & _SHF_ALLOC or sec.type == _SHT_NOBITS or sec.size == 0:
            continue
        start, end = sec.offset, sec.offset + sec.size
        if all(end <= a or start >= b for a, b in keep_clear):
            out.append((start, end))
    return out


def zero_unloaded(data: bytearray) -> int:
    """Zero the symbol tables and debug information of an ELF file in memory; the number of bytes zeroed."""
    elf = read_elf(data)
    if elf is None:
        return 0
    zeroed = 0
    for start, end in unloaded_ranges(elf):
        data[start:end] = bytes(end - start)
        zeroed += end - start
    return zeroed


# --- ICU common data ------------------------------------------------------------------------------------------

ICU_LIBRARY = re.compile(r"(^|/)libicudata\.so(\.[0-9]+)*$")
ICU_DATA_SYMBOL = re.compile(rb"icudt[0-9]+[lbe]?_dat")

# What Qt can reach of ICU's data, found from what libQt6Core imports of ICU (ucol_* collation, ucnv_*
# converters, ucal_* time-zone names, u_strToUpper/Lower) and by tracing which items ICU opens while the app
# runs (ICU_DATA set to an empty folder: ICU looks for each item there first). Patterns on the item name after
# the package folder (icudtNNl/). Everything else is dropped: locale display data (Qt has its own CLDR data),
# break iteration, transliteration, units, currencies, other codecs, time-zone display names (QTimeZone::
# displayName, which the app never shows; dates and the local time zone come from Qt and the system's tzdata).
ICU_KEEP: tuple[tuple[str, str], ...] = (
    (r"coll/(ucadata\.icu|root\.res|res_index\.res)",
     "collation base: QCollator, with which Qt's file dialogs sort file names"),
    (r"coll/(zh|en)(_[A-Za-z]+)*\.res",
     "Chinese (pinyin) collation for the app's zh_CN locale; English/C use root (tiny alias items)"),
    (r"cnvalias\.icu", "converter names: any QStringConverter beyond Qt's built-in UTF and Latin-1"),
    (r"(gb18030|windows-936-2000|ibm-1386_P100-2001|ibm-1383_P110-1999|windows-950-2000|ibm-1373_P100-2002)\.cnv",
     "Chinese codecs (GB18030; GBK = windows-936 on ibm-1386; GB2312 = ibm-1383; Big5 = windows-950 on "
     "ibm-1373): Qt decodes HTML bytes by their declared charset with them (e.g. QTextBrowser loading a page)"),
)
_KEEP_RE = re.compile("|".join(f"(?:{pattern})" for pattern, _ in ICU_KEEP))


def icu_keep(item: str) -> bool:
    """Whether an ICU data item (full name, e.g. "icudt73l/coll/zh.res") stays in the trimmed package."""
    return _KEEP_RE.fullmatch(item.split("/", 1)[-1]) is not None


@dataclass(frozen=True)
class IcuItem:
    name: str
    name_at: int  # file offset of its NUL-terminated name
    start: int  # file offsets of its bytes (up to the next item: ICU pads items to 16 bytes)
    end: int


@dataclass(frozen=True)
class IcuPackage:
    symbol: str
    base: int  # file offset of the package (the symbol's value), and its size
    size: int
    toc: int  # file offset of the table of contents: uint32 count, then count × (name offset, data offset)
    items: list[IcuItem]


def read_icu_package(data: bytes | bytearray) -> IcuPackage:
    """The table of contents of the ICU common data that a libicudata exports (ValueError if it is not one)."""
    elf = read_elf(data)
    found = find_symbol(data, elf, ICU_DATA_SYMBOL) if elf else None
    if found is None:
        raise ValueError("no ICU common data symbol (icudtNN_dat)")
    symbol, base, size = found
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, base)
    big_endian, data_format, format_version = data[base + 8], bytes(data[base + 12:base + 16]), data[base + 16]
    if (magic1, magic2) != (0xDA, 0x27) or big_endian or data_format != b"CmnD" or format_version != 1:
        raise ValueError(f"{symbol} is not a little-endian ICU common data package (CmnD 1)")
    toc = base + header_size
    (count,) = struct.unpack_from("<I", data, toc)
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    starts = [toc + data_at for _, data_at in entries] + [base + size]
    if any(b < a for a, b in zip(starts, starts[1:], strict=False)) or starts[0] < toc + 4 + 8 * count:
        raise ValueError(f"{symbol}: items out of order")
    items = []
    for i, (name_at, _) in enumerate(entries):
        end = data.index(b"\0", toc + name_at)
        items.append(IcuItem(data[toc + name_at:end].decode("ascii"), toc + name_at, starts[i], starts[i + 1]))
    return IcuPackage(symbol, base, size, toc, items)


def trim_icu(data: bytearray, keep: Callable[[str], bool] = icu_keep) -> list[str]:
    """Rewrite the package's table of contents in place to list only the kept items (still sorted: their
    order is kept) and zero the names and bytes of the others; returns the dropped items' names."""
    package = read_icu_package(data)
    kept = [item for item in package.items if keep(item.name)]
    dropped = [item for item in package.items if not keep(item.name)]
    if not kept:
        raise ValueError("an ICU package with no items would not load")
    table = bytearray(struct.pack("<I", len(kept)))
    for item in kept:
        table += struct.pack("<II", item.name_at - package.toc, item.start - package.toc)
    old_end = package.toc + 4 + 8 * len(package.items)
    data[package.toc:old_end] = table + bytes(old_end - package.toc - len(table))
    for item in dropped:
        data[item.start:item.end] = bytes(item.end - item.start)
        data[item.name_at:item.name_at + len(item.name)] = bytes(len(item.name))
    return [item.name for item in dropped]


def compact_package(data: bytes | bytearray, keep: Callable[[str], bool] = icu_keep) -> bytes:
    """A new package holding only the kept items: ICU's header, the table of contents, the names, then the
    items one after another (each 16-byte aligned from the package start, as ICU lays them out)."""
    package = read_icu_package(data)
    kept = [item for item in package.items if keep(item.name)]
    if not kept:
        raise ValueError("an ICU package with no items would not load")
    if any((item.start - package.base) % 16 for item in package.items):
        raise ValueError(f"{package.symbol}: items not 16-byte aligned")
    header = bytes(data[package.base:package.toc])
    names = b"".join(item.name.encode("ascii") + b"\0" for item in kept)
    toc_size = 4 + 8 * len(kept)
    at = _align(len(header) + toc_size + len(names), 16)  # from the package start
    entries, body, name_at = [], bytearray(), toc_size
    for item in kept:
        blob = bytes(data[item.start:item.end])  # with ICU's own padding up to the next item
        entries.append(struct.pack("<II", name_at, at + len(body) - len(header)))
        name_at += len(item.name) + 1
        body += blob
    toc = struct.pack("<I", len(kept)) + b"".join(entries) + names
    return header + toc + bytes(at - len(header) - len(toc)) + bytes(body)


def _align(n: int, to: int) -> int:
    return (n + to - 1) // to * to


# dynamic tags a data-only library may carry; of these only DT_HASH, DT_STRTAB, DT_SYMTAB, DT_GNU_HASH and
# DT_VERSYM/DT_VERDEF hold addresses (checked to lie before the package, so they do not move)
_DATA_ONLY_TAGS = {0, 1, 4, 5, 6, 10, 11, 14, 15, 16, 29, 30, 0x6FFFFEF5, 0x6FFFFFF0, 0x6FFFFFFB, 0x6FFFFFFC,
                   0x6FFFFFFD}
_ADDRESS_TAGS = {4, 5, 6, 0x6FFFFEF5, 0x6FFFFFF0, 0x6FFFFFFC}
_PT_DYNAMIC = 2


def shrink_icu_library(data: bytes, keep: Callable[[str], bool] = icu_keep) -> bytes | None:
    """ICU's data library rebuilt smaller: the compacted package (compact_package) where the old one was, its
    section and loadable segment ended after it, and everything after (the writable segment with .dynamic,
    the non-loaded sections, the section headers) moved up by whole pages. None unless the library is the
    plain data-only ELF that ICU builds (one symbol filling one section at the end of the first segment,
    no relocations, no dynamic address past the package); the caller then trims in place (trim_icu)."""
    elf = read_elf(data)
    found = find_symbol(data, elf, ICU_DATA_SYMBOL) if elf else None
    if elf is None or found is None:
        return None
    _symbol, base, size = found
    end = base + size
    rodata = [s for s in elf.sections if s.offset == base and s.size == size and s.flags & _SHF_ALLOC]
    loads = [g for g in elf.segments if g.type == _PT_LOAD]
    if len(rodata) != 1 or not loads or loads[0].offset + loads[0].filesz != end:
        return None
    first = elf.segments.index(loads[0])
    if any(s.type in (4, 9) for s in elf.sections):  # SHT_RELA, SHT_REL: code or data to relocate
        return None
    if any(s is not rodata[0] and s.size and s.offset < end and s.offset + s.size > base for s in elf.sections):
        return None
    if any(i != first and g.offset < end and g.offset + g.filesz > base for i, g in enumerate(elf.segments)):
        return None
    if not _dynamic_addresses_before(data, elf, base + loads[0].vaddr - loads[0].offset):
        return None
    package = compact_package(data, keep)
    new_size = len(package)
    align = max(_segment_align(data, i) for i in range(len(elf.segments)))
    delta = (size - new_size) // align * align
    if delta <= 0:
        return None
    out = bytearray(data[:base]) + package + bytes(size - delta - new_size) + data[end:]
    header = list(_EHDR.unpack_from(out, 0))
    phoff, shoff, phentsize, phnum, shentsize, shnum = header[5], header[6], header[9], header[10], header[11], header[12]
    entry_limit = end + loads[0].vaddr - loads[0].offset
    if phoff + phnum * phentsize > base or shoff < end or header[4] >= entry_limit:  # e_entry must not move
        return None
    header[6] = shoff - delta
    _EHDR.pack_into(out, 0, *header)
    for i in range(phnum):
        at = phoff + i * phentsize
        ph = list(_PHDR.unpack_from(out, at))  # type, flags, offset, vaddr, paddr, filesz, memsz, align
        if i == first:
            if ph[6] != ph[5]:
                return None
            ph[5] = ph[6] = ph[5] - delta
        elif ph[2] >= end:
            ph[2], ph[3], ph[4] = ph[2] - delta, ph[3] - delta, ph[4] - delta
        _PHDR.pack_into(out, at, *ph)
    for i in range(shnum):
        at = shoff - delta + i * shentsize
        sh = list(_SHDR.unpack_from(out, at))  # name, type, flags, addr, offset, size, link, info, align, entsize
        if sh[4] == base and sh[5] == size:
            sh[5] = size - delta
        elif sh[4] >= end:
            sh[4] -= delta
            sh[3] = sh[3] - delta if sh[3] else 0
        _SHDR.pack_into(out, at, *sh)
    _set_symbol_size(out, new_size)
    zero_unloaded(out)  # .symtab still holds the old addresses of what moved
    return bytes(out)


def _segment_align(data: bytes, index: int) -> int:
    phoff, phentsize = _EHDR.unpack_from(data, 0)[5], _EHDR.unpack_from(data, 0)[9]
    p_type, *_rest, p_align = _PHDR.unpack_from(data, phoff + index * phentsize)
    return max(p_align, 4096) if p_type == _PT_LOAD else 4096


def _dynamic_addresses_before(data: bytes, elf: Elf, limit: int) -> bool:
    """Whether the dynamic section holds only data-only tags, with every address before `limit`."""
    dynamic = [g for g in elf.segments if g.type == _PT_DYNAMIC]
    if len(dynamic) != 1:
        return False
    for at in range(dynamic[0].offset, dynamic[0].offset + dynamic[0].filesz, 16):
        tag, value = struct.unpack_from("<qQ", data, at)
        if tag not in _DATA_ONLY_TAGS or (tag in _ADDRESS_TAGS and value >= limit):
            return False
        if tag == 0:
            break
    return True


def _set_symbol_size(data: bytearray, size: int) -> None:
    """The ICU data symbol's size in .dynsym (and .symtab), after compaction."""
    elf = read_elf(data)
    assert elf is not None
    for table in (s for s in elf.sections if s.type in (_SHT_DYNSYM, _SHT_SYMTAB)):
        names = elf.sections[table.link].offset
        for at in range(table.offset, table.offset + table.size, _SYM.size):
            sym = list(_SYM.unpack_from(data, at))
            name_end = data.index(b"\0", names + sym[0])
            if sym[3] and ICU_DATA_SYMBOL.fullmatch(data[names + sym[0]:name_end]):
                sym[5] = size
                _SYM.pack_into(data, at, *sym)


# --- the build step ---------------------------------------------------------------------------------------------


def slimmed(data: bytes, is_icu_data: bool) -> bytes | None:
    """The slimmed bytes of one library, or None when there is nothing to cut. ICU's data library is rebuilt
    smaller where its layout allows (shrink_icu_library), else trimmed in place (trim_icu); one that is not a
    little-endian ELF package at all (another platform) is left whole, with a warning."""
    if not is_icu_data:
        elf = read_elf(data)
        if elf is None or not unloaded_ranges(elf):
            return None
        out = bytearray(data)
        zero_unloaded(out)
        return bytes(out)
    try:
        shrunk = shrink_icu_library(data)
        if shrunk is not None:
            return shrunk
        out = bytearray(data)
        trim_icu(out)
    except ValueError as exc:
        print(f"WARNING: ICU data left whole: {exc}", file=sys.stderr)
        return None
    zero_unloaded(out)
    return bytes(out)


def slim_binaries(binaries: Iterable[tuple[str, str, str]], out_dir: Path) -> list[tuple[str, str, str]]:
    """The TOC of PyInstaller binaries with ICU's data trimmed and symbol tables zeroed, as copies in out_dir
    (rewritten only when their bytes change, so PyInstaller's cache stays valid); other entries unchanged."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = []
    for dest, src, kind in binaries:
        real = Path(src).resolve()
        is_icu = ICU_LIBRARY.search(dest.replace("\\", "/")) is not None
        library = kind in ("BINARY", "EXTENSION") and real.is_file() and ".so" in real.name
        new = slimmed(real.read_bytes(), is_icu) if library else None
        if new is not None:
            copy = out_dir / dest.replace("/", "__").replace("\\", "__")
            if not copy.is_file() or copy.read_bytes() != new:
                copy.write_bytes(new)
                copy.chmod(real.stat().st_mode & 0o777)
            src = str(copy)
        result.append((dest, src, kind))
    return result
