"""Turn raw input bytes into text: byte-order marks, declared charsets, fallbacks, binary refusal.

Gzip-compressed input is decompressed transparently (saved web pages often arrive as ``.gz``).
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib

from ..errors import SourceError

# Longest BOM first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"RIFF", "RIFF media (WAV/AVI/WEBP)"),
)

# Printable magics like "MZ" or "ID3" can start a real sentence; they only count as binary
# when binary bytes follow. These are distinctive enough on their own.
_DISTINCT_MAGIC = frozenset(
    {b"%PDF-", b"GIF87a", b"GIF89a"} | {m for m, _ in _MAGIC if any(b < 32 or b > 126 for b in m)})

_GZIP_MAGIC = b"\x1f\x8b"
_MAX_GUNZIP = 64 * 1024 * 1024  # a decompression bomb must not exhaust memory

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_PROLOG = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)["']""",
                         re.IGNORECASE)

# Control characters that never occur in text (tab, LF, FF, CR and ESC-free ranges excluded).
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}


def sniff_html_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first 4 KB, or None.

    Looks at ``<meta charset=...>``, ``<meta http-equiv="Content-Type" content="...;
    charset=...">`` and the XML prolog ``<?xml ... encoding="..."?>``. Returns the Python codec
    name (lower case) only when Python knows the codec.
    """
    head = data[:4096]
    for pattern in (_XML_PROLOG, _META_CHARSET):
        match = pattern.search(head)
        if match:
            name = _codec_name(match.group(1).decode("ascii", "ignore"))
            if name:
                return name
    return None


def decode_bytes(data: bytes, declared: str | None = None, source: str = "") -> str:
    """Decode input bytes to text, refusing binary and empty input.

    Order of trust:

    1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins over everything;
    2. gzip data (magic ``1f 8b``) is decompressed and decoded by these same rules;
    3. known binary formats (PDF, ZIP, images, executables...) raise ``SourceError("binary")``;
    4. UTF-16 without a BOM is recognised by its pattern of NUL bytes;
    5. the ``declared`` charset (HTTP header), else one sniffed from ``<meta charset>`` or the
       XML prolog, when Python knows it and it decodes without error;
    6. strict UTF-8, then cp1252, then latin-1 (which never fails).

    Text with NUL bytes or many control characters is refused as binary; text that is empty
    or whitespace only raises ``SourceError("empty")``.
    """
    if not data:
        raise SourceError("empty", "the input has no bytes; nothing to ingest", source)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom):].decode(codec, errors="replace"), source)
    if data.startswith(_GZIP_MAGIC):
        return decode_bytes(gunzip(data, source), declared, source)
    for magic, kind in _MAGIC:
        if data.startswith(magic) and (magic in _DISTINCT_MAGIC or _has_binary_bytes(data)):
            raise SourceError("binary", f"looks like a {kind}, not text; convert it to text or "
                              "HTML first", source)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"), source)
    if b"\x00" in data[:8192]:
        raise SourceError("binary", "contains NUL bytes, so it is not a text file; check that "
                          "the path points at an article", source)
    for name in (declared, sniff_html_charset(data)):
        declared_codec = _codec_name(name) if name else None
        if declared_codec:
            try:
                return _checked(data.decode(declared_codec), source)
            except UnicodeDecodeError:
                pass  # a wrong declaration is common; fall through to sniffing
    for codec in ("utf-8", "cp1252"):
        try:
            return _checked(data.decode(codec), source)
        except UnicodeDecodeError:
            continue
    return _checked(data.decode("latin-1"), source)


def _codec_name(name: str) -> str | None:
    name = name.strip().strip("\"'").lower()
    if not name:
        return None
    # Browsers treat these labels as windows-1252; so must we, or curly quotes turn to C1 junk.
    if name in {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        name = "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _has_binary_bytes(data: bytes) -> bool:
    return any(byte in _CONTROL for byte in data[:1024])


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    zero_even = even.count(0) / len(even)
    zero_odd = odd.count(0) / len(odd)
    # Latin-script UTF-16 has a NUL in nearly every other byte and almost none elsewhere.
    if zero_odd > 0.4 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.4 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def gunzip(data: bytes, source: str = "", limit: int = _MAX_GUNZIP) -> bytes:
    """Decompress gzip data, refusing to expand past ``limit`` bytes (a decompression bomb)."""
    try:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = decompressor.decompress(data, limit)
    except (zlib.error, gzip.BadGzipFile, EOFError) as exc:
        raise SourceError("binary", f"corrupt gzip data ({exc}); re-download or unpack the file",
                          source) from None
    if decompressor.unconsumed_tail:
        raise SourceError("too-large", f"gzip data expands beyond {limit:,} bytes (setting "
                          "max_bytes); unpack it and check its contents", source)
    if not out:
        raise SourceError("empty", "the gzip file is empty", source)
    return out


def _checked(text: str, source: str) -> str:
    if not text.strip():
        raise SourceError("empty", "the input holds only whitespace; nothing to ingest", source)
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if "\x00" in sample or controls > max(3, len(sample) * 0.02):
        raise SourceError("binary", f"{controls} control characters in the first "
                          f"{len(sample)} characters; this is not a text file", source)
    return text
