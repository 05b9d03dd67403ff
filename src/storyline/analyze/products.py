"""Entity step 1b: names of made things. spaCy small tags a product, a model or a software
release as an organisation or a person ("Tiger, the newest version of the system", "the
Valdor Aspen", "the 787 Dreamliner"); those are not actors, so they leave the candidates.

What says a name is a product (the nouns are rule data, ``not_entities.toml``):

* a vessel noun before it: "the trawler Sea Lark";
* apposition with a product noun: "Tiger, the newest version of …", "Lion, the code name";
* a product noun right before it in the same phrase: "web browser Safari";
* a model number right before it: "the 787 Dreamliner";
* its own shape: a model number ("A330s") or a resolution ("320x240");
* a maker named elsewhere in the article followed by a model name that is no organisation
  word, after a determiner: "the Valdor Aspen" when "Valdor" is a company of the article;
* premodifying a product-line noun: "the new Lumo line";
* being listed with a product ("the Valdor Aspen, PT Cruiser and Durango"), or being another
  mention of one (the same words, or the last words of a longer name).

The model-number and camel-case rules of :mod:`.spans` hand their spans in as seeds, so their
other mentions go too. The token ranges of every product are kept in
``doc.user_data["product_spans"]`` so that later steps (names found again by
:func:`.grouping.propagate_names`) leave them alone.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from . import lexicon
from .span_types import org_context
from .tokens import Cand, fold, is_cap, lowered

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["MODEL", "drop_products", "model_number"]

#: A model number: "A380", "787", "737-800", "A330s".
MODEL = re.compile(r"^[A-Z]{0,2}-?\d{2,4}(?:-\d{1,4})?[A-Za-z]{0,2}$")
_RESOLUTION = re.compile(r"^\d{2,5}x\d{2,5}$")
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "new"})
_ACTORS = frozenset({"ORG", "PERSON"})


def model_number(text: str) -> bool:
    """True for a model number, not a year: "787", "A330", "737-800" but not "2008"."""
    if not MODEL.match(text) or not any(ch.isdigit() for ch in text):
        return False
    return not (len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"})


def _product_noun(tok: Token) -> bool:
    low = lowered(tok)
    return not is_cap(tok) and (low in lexicon.PRODUCT_NOUNS
                                or tok.lemma_.lower() in lexicon.PRODUCT_NOUNS)


def _code_name(tok: Token) -> bool:
    """ "the code name for this release"."""
    return tok.lemma_.lower() == "name" and any(
        ch.dep_ == "compound" and lowered(ch) == "code" for ch in tok.children)


def _cue(doc: Doc, c: Cand, org_names: set[tuple[str, ...]], folded: list[str]) -> bool:
    start, end = c.start_token, c.end_token
    span = doc[start:end]
    root = span.root
    # apposition: "Tiger, the newest version of …"
    if root.dep_ == "appos" and (_product_noun(root.head) or _code_name(root.head)):
        return True
    if any(ch.dep_ == "appos" and (_product_noun(ch) or _code_name(ch)) for ch in root.children):
        return True
    k = start - 1
    while k >= 0 and lowered(doc[k]) in lexicon.DETERMINERS:
        k -= 1
    if k >= 0 and lowered(doc[k]) in lexicon.VESSEL_NOUNS and not is_cap(doc[k]):
        return True  # "the trawler Gannet Star": a ship is a made thing too
    if start > 0:
        prev = doc[start - 1]
        # "web browser Safari": the product noun belongs to the name's phrase
        if _product_noun(prev) and prev.pos_ == "NOUN" and (
                prev.head.i in range(start, end) and prev.dep_ in {"compound", "nmod", "amod"}
                or root.head.i == prev.i and root.dep_ in {"appos", "compound"}):
            return True
        # "the 787 Dreamliner", unless the name premodifies a noun ("120 Valdor engineers")
        if model_number(prev.text) and len(prev.text) >= 3 \
                and not (root.dep_ == "compound" and root.head.i >= end):
            return True
    # "the new Lumo line"
    if end < len(doc) and lowered(doc[end]) in lexicon.PRODUCT_LINE_NOUNS \
            and root.dep_ == "compound" and root.head.i == end:
        return True
    # "the Valdor Aspen": a maker of the article and a model name
    if c.label == "ORG" and end - start >= 2 and start > 0 \
            and lowered(doc[start - 1]) in _DETERMINERS:
        words = tuple(folded[start:end])
        for cut in range(1, len(words)):
            if words[:cut] in org_names and _model_words(doc[start + cut:end]) \
                    and _named_alone_first(folded, words, cut):
                return True
    return False


def _named_alone_first(texts: list[str], words: tuple[str, ...], cut: int) -> bool:
    """True when the maker ``words[:cut]`` is named on its own before the article first names
    ``words``: "Valdor … the Valdor Aspen" is a model; "Norgate Vance … Norgate" is one
    company named in full first and then shortly. ``texts``: the article's folded words."""
    size = len(words)
    for i in range(len(texts) - cut + 1):
        if tuple(texts[i:i + size]) == words:
            return False
        if tuple(texts[i:i + cut]) == words[:cut]:
            return True
    return False


def _model_words(toks: Span) -> bool:
    """True when the words after a maker's name read as a model, not as the rest of the
    organisation's name ("Aspen", not "Foundation", "Motors" or "Airport")."""
    if len(toks) == 0:
        return False
    for t in toks:
        low = lowered(t)
        if not is_cap(t) or not t.is_alpha and not model_number(t.text) \
                or low in lexicon.ORG_WORDS or low in lexicon.ORG_SUFFIXES \
                or low in lexicon.PLACE_WORDS or low in lexicon.PRODUCT_NOUNS \
                or low in lexicon.ORG_NOUNS:
            return False
    return True


def _conjuncts(tok: Token) -> list[Token]:
    """The other members of the coordination ``tok`` is in ("A, B and C")."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    found: list[Token] = []
    todo = [first]
    while todo:
        t = todo.pop()
        found.append(t)
        todo.extend(ch for ch in t.children if ch.dep_ == "conj")
    return [t for t in found if t.i != tok.i] if len(found) > 1 else []


def _org_evident(doc: Doc, c: Cand) -> bool:
    """True when the words around a mention say it is an organisation ("Valdor, Europe's
    biggest aircraft manufacturer", "Valdor CEO Ana Roe")."""
    root = doc[c.start_token:c.end_token].root
    return org_context(doc, c.start_token, c.end_token) or any(
        ch.dep_ == "appos" and lowered(ch) in lexicon.ORG_NOUNS for ch in root.children) or (
        root.dep_ == "appos" and lowered(root.head) in lexicon.ORG_NOUNS)


def drop_products(doc: Doc, cands: list[Cand], seeds: list[tuple[int, int]]) -> list[Cand]:
    """``cands`` without the products among them (see the module docstring); the token
    ranges of every product found, seeds included, go to ``doc.user_data["product_spans"]``.
    A name the article treats as an organisation somewhere stays one everywhere."""
    folded = [fold(t.text) for t in doc]
    words_of = [tuple(folded[c.start_token:c.end_token]) for c in cands]
    counts = Counter(words_of)
    org_names = {w for w, c in zip(words_of, cands, strict=True) if c.label == "ORG"}
    evident = {w for w, c in zip(words_of, cands, strict=True)
               if c.label in _ACTORS and _org_evident(doc, c)}
    products: list[tuple[int, int]] = list(seeds)
    flagged: set[int] = set()
    for idx, c in enumerate(cands):
        if c.label not in _ACTORS and c.label not in {"GPE", "LOC"}:
            continue
        text = doc[c.start_token:c.end_token].text
        if c.end_token - c.start_token == 1 and (
                _RESOLUTION.match(text) or c.label in _ACTORS and (
                    model_number(text) or model_number(text.removesuffix("s")))):
            flagged.add(idx)  # "320x240", "A330s"
        elif c.label in _ACTORS and words_of[idx] not in evident \
                and _cue(doc, c, org_names, folded):
            flagged.add(idx)
    for idx in flagged:
        products.append((cands[idx].start_token, cands[idx].end_token))
    changed = bool(products)
    while changed:
        changed = False
        in_product = {k for s, e in products for k in range(s, e)}
        texts = {tuple(folded[s:e]) for s, e in products}
        for idx, c in enumerate(cands):
            words = words_of[idx]
            if idx in flagged or c.label not in _ACTORS or words in evident:
                continue
            root = doc[c.start_token:c.end_token].root
            # listed with a product, for a name the article mentions only there
            listed = counts[words] == 1 and any(
                t.i in in_product and not (c.start_token <= t.i < c.end_token)
                for t in _conjuncts(root))
            same = words in texts or any(
                0 < len(p) < len(words) and words[-len(p):] == p and p[0][:1].isupper()
                for p in texts)
            if listed or same:
                flagged.add(idx)
                products.append((c.start_token, c.end_token))
                changed = True
    doc.user_data["product_spans"] = sorted(set(products))
    return [c for idx, c in enumerate(cands) if idx not in flagged]
