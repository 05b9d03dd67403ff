"""Turn raw input bytes into text: byte-order marks, declared charsets, fallbacks, binary refusal.

Gzip-compressed input is decompressed transparently (saved web pages often arrive as ``.gz``).
What decoding had to repair (bytes that were not valid in the chosen charset, a declaration
the bytes contradict, text that was already mojibake) is reported in :class:`Decoded`.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass

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
# The same, plus the C1 controls a latin-1 reading of binary bytes produces, as a pattern.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]")
_BLOCK = 8192
_MAX_CONTROL_SHARE = 0.02

# Declared single-byte charsets that valid multi-byte UTF-8 overrules: in these, text that
# happens to form valid UTF-8 sequences (an accented capital followed by a symbol) is rare,
# while a UTF-8 page served with an old iso-8859-1 template is common.
_SINGLE_BYTE = re.compile(r"^(?:cp125\d|iso8859-\d+|latin_1|ascii|koi8_[ru]|mac_roman|"
                          r"mac_latin2|cp437|cp850)$")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|"
                             rb"[\xf0-\xf4][\x80-\xbf]{3}")
# Undeclared text read by the single-byte fallback is mostly ASCII in every Latin-script
# language; when more than this share of its characters is not, the bytes are not text in
# a charset we can assume (random binary, or an undeclared Cyrillic or Greek page).
_MAX_FALLBACK_NON_ASCII = 0.3
# UTF-8 read as cp1252 (once or twice): a lead character of a two- or three-byte sequence
# followed by the characters cp1252 gives its continuation bytes.
_CONT = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc" \
        "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_ESCAPED = re.compile("[\udc80-\udcff]")
_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")
_MOJIBAKE_RUN = re.compile(f"(?:[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}})+")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the codec used, and what had to be repaired (empty: nothing)."""

    text: str
    encoding: str
    repairs: tuple[str, ...] = ()


def sniff_html_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first 4 KB, or None.

    Looks at ``<meta charset=...>``, ``<meta http-equiv="Content-Type" content="...;
    charset=...">`` and the XML prolog ``<?xml ... encoding="..."?>``. Returns the Python codec
    name (lower case) only when Python knows the codec.
    """
    label = _declared_label(data)
    return _codec_name(label) if label else None


def _declared_label(data: bytes) -> str | None:
    head = data[:4096]
    for pattern in (_XML_PROLOG, _META_CHARSET):
        match = pattern.search(head)
        if match:
            label = match.group(1).decode("ascii", "ignore")
            if _codec_name(label):
                return label
    return None


def decode_bytes(data: bytes, declared: str | None = None, source: str = "") -> str:
    """Decode input bytes to text, refusing binary and empty input (see :func:`decode_text`)."""
    return decode_text(data, declared, source).text


def decode_text(data: bytes, declared: str | None = None, source: str = "") -> Decoded:
    """Decode input bytes to text and say what was repaired, refusing binary and empty input.

    Order of trust:

    1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins over everything;
    2. gzip data (magic ``1f 8b``) is decompressed and decoded by these same rules;
    3. known binary formats (PDF, ZIP, images, executables...) raise ``SourceError("binary")``;
    4. UTF-16 without a BOM is recognised by its pattern of NUL bytes;
    5. the ``declared`` charset (HTTP header), else one sniffed from ``<meta charset>`` or the
       XML prolog, when Python knows it and it decodes without error — except that bytes
       which are valid UTF-8 with multi-byte sequences are UTF-8 whatever single-byte
       charset (iso-8859-1, windows-1252...) they declare;
    6. strict UTF-8;
    7. mostly UTF-8: when the valid multi-byte UTF-8 sequences are at least as many as the
       invalid bytes, the text is UTF-8 with a few stray bytes (a pasted cp1252 quote, a cut
       character); those bytes alone are read as cp1252 and reported, instead of reading the
       whole text in another charset;
    8. cp1252, then latin-1 (which never fails); undeclared text read this way that is mostly
       not ASCII is refused as binary.

    Text that is UTF-8 already read as cp1252 (``Pakistanâ€™s``) is repaired and reported.
    Any 8 KB block with a NUL byte or more than 2% control characters makes the input
    binary, wherever the block is; text that is empty or whitespace only raises
    ``SourceError("empty")``.
    """
    if not data:
        raise SourceError("empty", "the input has no bytes; nothing to ingest", source)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom):].decode(codec, errors="replace"), codec, [], source)
    if data.startswith(_GZIP_MAGIC):
        return decode_text(gunzip(data, source), declared, source)
    for magic, kind in _MAGIC:
        if data.startswith(magic) and (magic in _DISTINCT_MAGIC or _has_binary_bytes(data)):
            raise SourceError("binary", f"looks like a {kind}, not text; convert it to text or "
                              "HTML first", source)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _finish(data.decode(utf16, errors="replace"), utf16, [], source)
    if b"\x00" in data[:_BLOCK]:
        raise SourceError("binary", "contains NUL bytes, so it is not a text file; check that "
                          "the path points at an article", source)
    labels: tuple[str | None, ...] = (declared, _declared_label(data))
    for name in labels:
        named = _codec_name(name) if name else None
        if not named:
            continue
        if _SINGLE_BYTE.match(named) and _UTF8_MULTIBYTE.search(data):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return _finish(text, "utf-8", [f"declared {name} but the bytes are UTF-8"],
                               source)
        try:
            return _finish(data.decode(named), named, [], source)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; fall through to sniffing
    try:
        return _finish(data.decode("utf-8"), "utf-8", [], source)
    except UnicodeDecodeError:
        pass
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return _finish(repaired[0], "utf-8", [repaired[1]], source)
    for codec in ("cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        _refuse_non_text(text, source)
        return _finish(text, codec, [], source)
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with its few invalid bytes read as cp1252, and a note; None if not UTF-8."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if not valid:
        return None
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    if invalid > valid:
        return None
    text = _ESCAPED_RUN.sub(
        lambda m: bytes(ord(ch) - 0xDC00 for ch in m.group(0)).decode("cp1252", "replace"), text)
    return text, f"{invalid} byte(s) invalid in UTF-8 read as cp1252"


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 read as cp1252 (``â€™`` → ``’``, ``Ã©`` → ``é``), at most twice over.

    Only runs that encode back to cp1252 and then decode as valid UTF-8 are replaced, so
    ordinary accented text is left alone. Returns the text and how many runs were repaired.
    """
    fixed = 0
    if not _may_be_mojibake(text):
        return text, 0
    for _ in range(2):
        count = 0

        def undo(match: re.Match[str]) -> str:
            nonlocal count
            run = match.group(0)
            try:
                out = _as_cp1252_bytes(run).decode("utf-8")
            except UnicodeError:
                return run
            count += 1
            return out

        text = _MOJIBAKE_RUN.sub(undo, text)
        fixed += count
        if not count:
            break
    return text, fixed


def _may_be_mojibake(text: str) -> bool:
    # Every run starts with a lead character; these three cover quotes, dashes, accented
    # Latin letters and symbols, and finding them is far cheaper than the full pattern.
    return "\u00e2" in text or "\u00c3" in text or "\u00c2" in text


def _as_cp1252_bytes(text: str) -> bytes:
    # cp1252 leaves five bytes undefined; decoders show them as the C1 code of the same value.
    return b"".join(ch.encode("cp1252") if not "\x80" <= ch <= "\x9f" else bytes([ord(ch)])
                    for ch in text)


def _finish(text: str, codec: str, repairs: list[str], source: str) -> Decoded:
    if _may_be_mojibake(text) and _MOJIBAKE_RUN.search(text):
        text, fixed = repair_mojibake(text)
        if fixed:
            repairs.append(f"{fixed} run(s) of UTF-8 read as cp1252 repaired")
    text = _checked(text, source)
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        repairs.append(f"{nuls} NUL character(s) removed")
    return Decoded(text, codecs.lookup(codec).name, tuple(repairs))


def _refuse_non_text(text: str, source: str) -> None:
    sample = text[:4 * _BLOCK]
    non_ascii = sum(1 for ch in sample if ord(ch) > 127)
    if non_ascii > _MAX_FALLBACK_NON_ASCII * len(sample):
        raise SourceError("binary", f"{non_ascii} of {len(sample)} characters are outside ASCII "
                          "and the bytes are not UTF-8 and declare no charset, so this is not "
                          "text we can read; if it is text, convert it to UTF-8 first (e.g. "
                          "iconv -f CHARSET -t UTF-8)", source)


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
    # Every block, not just the first: binary data appended to a text is still binary. In
    # the first block one NUL is enough (a text file never starts with one); later, a few
    # stray NULs in a long page are damage, not binary, and are removed by the caller.
    for start in range(0, len(text), _BLOCK):
        block = text[start:start + _BLOCK]
        controls = len(_CONTROL_CHARS.findall(block))
        if (not start and "\x00" in block) or controls > max(3, len(block) * _MAX_CONTROL_SHARE):
            where = f" at character {start:,}" if start else ""
            raise SourceError("binary", f"{controls} control characters in {len(block)} "
                              f"characters{where}; this is not a text file", source)
    return text
