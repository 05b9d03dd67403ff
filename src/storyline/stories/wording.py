"""Words of stored sentences, read without a parser: content words and their similarity, past
verb forms of the developments in ``predicates.toml``, and the heads and classes of noun
phrases. The dossier runs on stored analyses, so nothing here loads spaCy."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from ..analyze import lexicon as L

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, with possessive endings dropped."""
    out = []
    for m in WORD.finditer(text):
        w = m.group().lower().replace("’", "'")
        out.append(w[:-2] if w.endswith("'s") else w)
    return out


def stem(word: str) -> str:
    """A crude stem, enough to meet "fishermen"/"fisherman", "talks"/"talk", "freed"/"free"."""
    w = word.lower()
    for suffix, repl in (("ies", "y"), ("men", "man"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)] + repl
    return w


def content_words(text: str) -> list[str]:
    """Stems of the words of ``text`` that carry a fact (no stop words, no single letters)."""
    stop = L.STOP_WORDS
    return [stem(w) for w in words(text) if w not in stop and len(w) > 1]


def vector(text: str) -> Counter[str]:
    return Counter(content_words(text))


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(v * v for v in a.values()))
                  * math.sqrt(sum(v * v for v in b.values())))


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Share of the smaller set of words that the other holds (containment)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


# ---- verbs --------------------------------------------------------------------------------------


def past_lemma(word: str) -> str | None:
    """The lemma of a past form ("released" → release, "freed" → free, "began" → begin), or
    None when ``word`` does not look like one."""
    w = word.lower()
    irregular = L.IRREGULAR_VERB_FORMS
    if w in irregular:
        return str(irregular[w])
    if not w.endswith("ed") or len(w) < 4:
        return None
    stem_ = w[:-2]
    candidates = [stem_ + "e", stem_]  # "released" → release; "signed" → sign
    if w.endswith("ied"):
        candidates.insert(0, w[:-3] + "y")
    if w.endswith("eed"):
        candidates.insert(0, w[:-1])  # "freed" → free
    if len(stem_) >= 2 and stem_[-1] == stem_[-2]:
        candidates.append(stem_[:-1])  # "stopped" → stop
    events = L.EVENT_VERBS
    for c in candidates:
        if c in events:
            return c
    return candidates[0] if w.endswith("ied") else None


def predicate(lemma: str) -> str:
    """The predicate a verb is compared as (``predicate_synonyms``): "free" → release."""
    return str(L.PREDICATE_SYNONYMS.get(lemma, lemma))


# ---- noun phrases -------------------------------------------------------------------------------

_PHRASE_END = frozenset({"of", "in", "at", "on", "with", "for", "from", "to", "by", "that",
                         "which", "who", "after", "before", "under", "over", "between",
                         "during", "since", "while", "and", "as"})


def head(phrase: str | None) -> str | None:
    """The head word of a noun phrase: its last word before a preposition or clause
    ("the crew of the Gannet Star" → crew, "Valdoria's delegation in Brennhaven" →
    delegation); None for an empty phrase."""
    if not phrase:
        return None
    ws = words(phrase)
    cut = next((i for i, w in enumerate(ws) if i and w in _PHRASE_END), len(ws))
    ws = ws[:cut]
    return ws[-1] if ws else None


def noun_class(phrase: str | None, table: dict[str, str]) -> str | None:
    """The class ``table`` gives a noun phrase: its last two words, then its head, each as
    written and singular."""
    if not phrase:
        return None
    ws = words(phrase)
    cut = next((i for i, w in enumerate(ws) if i and w in _PHRASE_END), len(ws))
    ws = ws[:cut]
    if not ws:
        return None
    tries = [" ".join(ws[-3:]), " ".join(ws[-2:]), ws[-1]]
    for t in tries:
        for form in (t, _singular(t)):
            if form in table:
                return str(table[form])
    return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def iter_words(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """``(start_char, end_char, word)`` of every word, offsets shifted by ``offset``."""
    for m in WORD.finditer(text):
        yield offset + m.start(), offset + m.end(), m.group()
