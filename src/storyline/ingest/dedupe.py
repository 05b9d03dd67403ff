"""Duplicate detection: exact copies by content hash, near copies by MinHash LSH.

Near-duplicates are syndicated copies with another headline, trimmed paragraphs or other
chrome. Bodies are compared as sets of word 5-shingles. MinHash estimates their Jaccard
similarity J; with the two set sizes that also gives the containment of the smaller set in the
larger, C = J·(|A|+|B|) / ((1+J)·min(|A|,|B|)), which stays high when a copy drops paragraphs
(a 150-word story missing one paragraph has J ≈ 0.75 but C ≈ 1). The similarity used is
max(J, C), C only for bodies of at least ``MIN_SHINGLES_FOR_CONTAINMENT`` shingles so that a
two-line brief is not swallowed by a long article. An article whose similarity to a stored one
reaches the ``near_duplicate_threshold`` setting is stored as a copy of the best match.
LSH retrieves candidates at a lower Jaccard (``CANDIDATE_JACCARD``) so trimmed copies are found.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 5
SCHEME = "affine32"  # pinned: stored signatures must stay comparable across datasketch releases
CANDIDATE_JACCARD = 0.4
MIN_SHINGLES_FOR_CONTAINMENT = 40
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


def minhash(text: str, num_perm: int) -> tuple[MinHash, int]:
    """The MinHash of a body and its number of distinct shingles."""
    grams = shingles(text)
    mh = MinHash(num_perm=num_perm, scheme=SCHEME)
    mh.update_batch(list(grams))
    return mh, len(grams)


def signature_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint64).tobytes()


def from_signature(data: bytes, num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, scheme=SCHEME,
                   hashvalues=np.frombuffer(data, dtype=np.uint64).copy())


def similarity(jaccard: float, size_a: int, size_b: int) -> float:
    """max(Jaccard, estimated containment of the smaller body in the larger)."""
    small = min(size_a, size_b)
    if small < MIN_SHINGLES_FOR_CONTAINMENT or jaccard <= 0:
        return jaccard
    containment = jaccard * (size_a + size_b) / ((1 + jaccard) * small)
    return max(jaccard, min(1.0, containment))


class NearDuplicateIndex:
    """In-memory LSH over the stored signatures of every article (a copy of a copy is linked
    to the first original by the caller)."""

    def __init__(self, threshold: float, num_perm: int):
        if not 0.0 < threshold <= 1.0:
            raise ValueError("near_duplicate_threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_JACCARD), num_perm=num_perm)
        self._hashes: dict[int, tuple[MinHash, int]] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def add(self, article_id: int, mh: MinHash, size: int) -> None:
        if article_id in self._hashes:
            return
        self._hashes[article_id] = (mh, size)
        self._lsh.insert(article_id, mh)

    def best_match(self, mh: MinHash, size: int) -> tuple[int, float] | None:
        """The most similar indexed article at or above the threshold, with its similarity."""
        best: tuple[int, float] | None = None
        for key in self._lsh.query(mh):
            other, other_size = self._hashes[key]
            sim = similarity(float(mh.jaccard(other)), size, other_size)
            if sim >= self.threshold and (best is None or sim > best[1]
                                          or (sim == best[1] and key < best[0])):
                best = (key, sim)
        return best
