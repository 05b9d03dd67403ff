"""Duplicate detection: exact copies by content hash, near copies by MinHash LSH.

Near-duplicates are syndicated copies with another headline, trimmed paragraphs or other
chrome. The body text is compared as sets of word 5-shingles; an incoming article whose
estimated Jaccard similarity to a stored one reaches the ``near_duplicate_threshold`` setting
is stored as a duplicate linked to the most similar original.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """Hash of the body text, insensitive to case, punctuation and whitespace differences."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash(text: str, num_perm: int) -> MinHash:
    mh = MinHash(num_perm=num_perm)
    mh.update_batch(list(shingles(text)))
    return mh


def signature_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()


def from_signature(data: bytes, num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, hashvalues=np.frombuffer(data, dtype=np.uint64).copy())


class NearDuplicateIndex:
    """In-memory LSH over stored signatures; only originals are indexed, so copies of copies
    link to the first original."""

    def __init__(self, threshold: float, num_perm: int):
        if not 0.0 < threshold <= 1.0:
            raise ValueError("near_duplicate_threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._hashes: dict[int, MinHash] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def add(self, article_id: int, mh: MinHash) -> None:
        if article_id in self._hashes:
            return
        self._hashes[article_id] = mh
        self._lsh.insert(article_id, mh)

    def best_match(self, mh: MinHash) -> tuple[int, float] | None:
        """The most similar indexed article at or above the threshold, with its similarity."""
        best: tuple[int, float] | None = None
        for key in self._lsh.query(mh):
            sim = float(mh.jaccard(self._hashes[key]))
            if sim >= self.threshold and (best is None or sim > best[1]
                                          or (sim == best[1] and key < best[0])):
                best = (key, sim)
        return best
