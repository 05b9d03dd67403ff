import codecs
import gzip
import random

import pytest

from storyline.errors import SourceError
from storyline.ingest.encoding import decode_bytes, decode_text, repair_mojibake, sniff_html_charset

TEXT = "Mayor Elena Vasquez said the “Harbour Plan” costs €4m — café owners agree."


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_byte_order_mark_decides_the_encoding(bom, codec):
    assert decode_bytes(bom + TEXT.encode(codec)) == TEXT


def test_byte_order_mark_beats_a_wrong_declared_charset():
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"), declared="cp1252") == TEXT


def test_utf16_without_bom_is_recognised_not_refused_as_binary():
    assert decode_bytes(TEXT.encode("utf-16-le")) == TEXT


def test_declared_charset_is_used_when_it_decodes():
    text = "Смена мэра в городе Северск"
    assert decode_bytes(text.encode("koi8-r"), declared="koi8-r") == text


def test_wrong_declared_charset_falls_back_to_utf8():
    assert decode_bytes(TEXT.encode("utf-8"), declared="ascii") == TEXT


def test_meta_charset_in_html_is_honoured():
    page = '<html><head><meta charset="windows-1251"></head><body>Привет</body></html>'
    data = page.encode("cp1251")
    assert sniff_html_charset(data) == "cp1251"
    assert "Привет" in decode_bytes(data)


def test_http_equiv_and_xml_prolog_declarations_are_sniffed():
    http_equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">'
    assert sniff_html_charset(http_equiv) == "iso8859-2"
    assert sniff_html_charset(b'<?xml version="1.0" encoding="utf-8"?><rss/>') == "utf-8"
    assert sniff_html_charset(b"<html><body>no declaration</body></html>") is None


def test_undecodable_utf8_falls_back_to_cp1252_curly_quotes():
    data = "“Quoted” – naïve".encode("cp1252")
    assert decode_bytes(data) == "“Quoted” – naïve"


def test_latin1_declaration_is_read_as_cp1252_like_browsers_do():
    data = "“Quoted”".encode("cp1252")
    assert decode_bytes(data, declared="iso-8859-1") == "“Quoted”"


def test_bytes_cp1252_cannot_decode_fall_back_to_latin1():
    data = b"caf\xe9 \x81 ok"  # 0x81 is undefined in cp1252
    assert decode_bytes(data) == "café \x81 ok"


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"hello\x00world\x00\x00\x01\x02",
])
def test_binary_input_is_refused_with_reason_binary(data):
    with pytest.raises(SourceError) as info:
        decode_bytes(data, source="upload.bin")
    assert info.value.reason == "binary"
    assert info.value.source == "upload.bin"


def test_text_that_happens_to_start_like_a_magic_number_is_still_text():
    assert decode_bytes(b"MZ Holdings bought the plant on Monday.") == \
        "MZ Holdings bought the plant on Monday."


def test_many_control_characters_mean_binary():
    with pytest.raises(SourceError) as info:
        decode_bytes(bytes(range(1, 9)) * 50)
    assert info.value.reason == "binary"


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n", codecs.BOM_UTF8 + b"  \n"])
def test_empty_or_whitespace_input_is_refused_with_reason_empty(data):
    with pytest.raises(SourceError) as info:
        decode_bytes(data)
    assert info.value.reason == "empty"


def test_gzip_input_is_decompressed_then_decoded():
    page = '<html><head><meta charset="utf-8"></head><body>Ärger im Rathaus</body></html>'
    assert "Ärger im Rathaus" in decode_bytes(gzip.compress(page.encode("utf-8")))


def test_corrupt_gzip_is_refused_as_binary():
    with pytest.raises(SourceError) as info:
        decode_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate")
    assert info.value.reason == "binary"


STORY = ("Mayor Elena Vasquez of Northvale said the “Harbour Plan” would cost €4m, and the "
         "café owners on Quay Street — who had opposed it — now backed the council’s vote. ")


def test_utf8_bytes_declaring_iso_8859_1_are_read_as_utf8_and_reported():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=iso-8859-1"></head><body><p>' + STORY + "</p></body></html>")
    decoded = decode_text(page.encode("utf-8"))
    assert STORY in decoded.text
    assert "â€" not in decoded.text
    assert decoded.encoding == "utf-8"
    assert any("iso-8859-1" in note for note in decoded.repairs)


def test_a_few_invalid_bytes_are_repaired_not_the_whole_text_redecoded():
    data = (STORY * 20).encode("utf-8") + "“Sold out”, said Ada Brennick.".encode("cp1252")
    decoded = decode_text(data)
    assert decoded.text.startswith(STORY)  # the UTF-8 part is intact, no mojibake
    assert decoded.text.endswith("“Sold out”, said Ada Brennick.")
    assert decoded.encoding == "utf-8"
    assert decoded.repairs == ("2 byte(s) invalid in UTF-8 read as cp1252",)


def test_a_legacy_page_with_many_non_utf8_bytes_is_still_read_as_cp1252():
    text = "Ærøskøbing’s “fête” was naïve, über-café, déjà vu. " * 10
    decoded = decode_text(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding == "cp1252"


def test_text_that_is_already_mojibake_is_repaired_and_reported():
    # how a browser shows UTF-8 read as windows-1252 (bytes it leaves undefined as C1 codes)
    broken = "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                     for b in STORY.encode("utf-8"))
    assert "â€" in broken
    decoded = decode_text(broken.encode("utf-8"))
    assert decoded.text == STORY
    assert decoded.repairs
    # ordinary accented text is never "repaired"
    assert repair_mojibake("São Paulo, À la carte, Âge d’or") == ("São Paulo, À la carte, Âge d’or", 0)


def test_binary_content_after_the_first_block_is_refused():
    data = (STORY * 100).encode("utf-8")
    assert len(data) > 8192
    rng = random.Random(7)
    tail = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(SourceError) as info:
        decode_bytes(data + tail + data, source="mixed.txt")
    assert info.value.reason == "binary"
    with pytest.raises(SourceError) as info:
        decode_bytes(data + b"\x00" * 2000 + data)
    assert info.value.reason == "binary"


def test_a_stray_nul_in_a_long_page_is_removed_and_reported():
    data = (STORY * 100).encode("utf-8")
    decoded = decode_text(data + b"<td border=\x00>" + data)
    assert "\x00" not in decoded.text
    assert "<td border=>" in decoded.text
    assert "1 NUL character(s) removed" in decoded.repairs


def test_random_high_bytes_are_refused_as_binary():
    rng = random.Random(11)
    data = bytes(rng.randrange(128, 256) for _ in range(20000))
    with pytest.raises(SourceError) as info:
        decode_bytes(data, source="noise.txt")
    assert info.value.reason == "binary"
