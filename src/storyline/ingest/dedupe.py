"""Duplicate detection: exact copies by content hash, near copies by MinHash with LSH bands.

Near-duplicates are syndicated copies with another headline, trimmed paragraphs or other
chrome. Bodies are compared as sets of word 5-shingles. The similarity of two bodies A and B is
max(J, C): J = |A∩B| / |A∪B| is their Jaccard similarity, C = |A∩B| / min(|A|, |B|) the
containment of the smaller in the larger, which stays high when a copy drops paragraphs or
adds chrome (a 150-word story missing one paragraph has J ≈ 0.75 but C ≈ 1). C counts only
for bodies of at least ``MIN_SHINGLES_FOR_CONTAINMENT`` shingles, so that a two-line brief is
not swallowed by a long article. An article whose similarity to a stored one reaches the
``near_duplicate_threshold`` setting is stored as a copy of the best match.

Finding candidates costs the same whatever the size of the store: each body's MinHash
signature is cut into bands of ``BAND_ROWS`` values, each band hashed to one integer key, and
the keys are kept in an indexed table (``ingest_lsh_bands``). Two bodies share at least one key
with probability 1 − (1 − J²)^bands: 0.93 at J = 0.2, 0.9999 at J = 0.4 for 128 permutations.
Rows of two (not the usual four or five) are what let a trimmed copy with a low Jaccard but a
containment of 0.9 or more be found: at a size ratio of 4 its J is only about 0.22. Candidates
are ranked by shared keys and checked in three steps:

1. the MinHash estimate of J (and of C from it and the two sizes) must come within
   ``ESTIMATE_MARGIN`` of the threshold: a cheap filter, read from stored signatures;
2. for those left (at most ``MAX_VERIFIED``), J and C are computed exactly from the stored
   texts, because the MinHash estimate of C is too noisy when J is low;
3. the best exact similarity at or above the threshold wins (ties: the lower id).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

SHINGLE = 5
SCHEME = "affine32"  # pinned: stored signatures must stay comparable across datasketch releases
BAND_ROWS = 2
MIN_SHINGLES_FOR_CONTAINMENT = 40
MAX_CANDIDATES = 200  # ranked by shared band keys; real copies share many
ESTIMATE_MARGIN = 0.3
MAX_VERIFIED = 12
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


def lsh_scheme(num_perm: int) -> str:
    """Names the banding, so band keys made another way are rebuilt, never mixed."""
    return f"minhash-{SCHEME}-{num_perm}-rows{BAND_ROWS}-v1"


@dataclass(frozen=True)
class Fingerprint:
    """What near-duplicate detection needs of one body: its shingles, signature and band keys."""

    shingles: frozenset[bytes]
    hashvalues: Any  # numpy uint64 array of length num_perm
    band_keys: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.shingles)

    @property
    def signature(self) -> bytes:
        return signature_bytes_of(self.hashvalues)


def fingerprint(text: str, num_perm: int) -> Fingerprint:
    grams = shingles(text)
    mh, _ = minhash_of(grams, num_perm)
    values = mh.hashvalues
    return Fingerprint(frozenset(grams), values, tuple(band_keys(values)))


def minhash(text: str, num_perm: int) -> tuple[Any, int]:
    """The MinHash of a body and its number of distinct shingles."""
    return minhash_of(shingles(text), num_perm)


def minhash_of(grams: set[bytes] | frozenset[bytes], num_perm: int) -> tuple[Any, int]:
    from datasketch import MinHash  # lazy: datasketch imports scipy, slow for every command

    mh = MinHash(num_perm=num_perm, scheme=SCHEME)
    mh.update_batch(list(grams))
    return mh, len(grams)


def signature_bytes(mh: Any) -> bytes:
    return signature_bytes_of(mh.hashvalues)


def signature_bytes_of(values: Any) -> bytes:
    import numpy as np

    return np.asarray(values, dtype=np.uint64).tobytes()


def from_signature(data: bytes, num_perm: int) -> Any:
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, scheme=SCHEME,
                   hashvalues=np.frombuffer(data, dtype=np.uint64).copy())


def band_keys(values: Any) -> list[int]:
    """One signed 64-bit key per band of ``BAND_ROWS`` signature values (band index included,
    so equal values in different bands never collide)."""
    import numpy as np

    raw = np.asarray(values, dtype=np.uint64)
    keys: list[int] = []
    for band, start in enumerate(range(0, len(raw) - BAND_ROWS + 1, BAND_ROWS)):
        digest = hashlib.blake2b(raw[start:start + BAND_ROWS].tobytes(), digest_size=8,
                                 salt=band.to_bytes(8, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def estimated_jaccard(a: Any, b: Any) -> float:
    import numpy as np

    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / len(a)


def similarity(jaccard: float, size_a: int, size_b: int) -> float:
    """max(Jaccard, containment of the smaller body in the larger, derived from J and sizes)."""
    small = min(size_a, size_b)
    if small < MIN_SHINGLES_FOR_CONTAINMENT or jaccard <= 0:
        return jaccard
    containment = jaccard * (size_a + size_b) / ((1 + jaccard) * small)
    return max(jaccard, min(1.0, containment))


def exact_similarity(a: frozenset[bytes] | set[bytes], b: frozenset[bytes] | set[bytes]) -> float:
    """max(J, C) computed from the shingle sets themselves."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    jaccard = common / (len(a) + len(b) - common)
    small = min(len(a), len(b))
    if small < MIN_SHINGLES_FOR_CONTAINMENT:
        return jaccard
    return max(jaccard, common / small)


def best_match(fp: Fingerprint, candidates: dict[int, tuple[int, bytes]],
               load_texts: Any, threshold: float) -> tuple[int, float] | None:
    """The most similar candidate at or above ``threshold``, with its exact similarity.

    ``candidates`` maps article ids to (shingles, signature bytes), best-ranked first;
    ``load_texts(ids)`` returns {id: text} for the few that pass the MinHash filter.
    """
    import numpy as np

    if not 0.0 < threshold <= 1.0:
        raise ValueError("near_duplicate_threshold must be in (0, 1]")
    mine = np.asarray(fp.hashvalues, dtype=np.uint64)
    hopeful: list[tuple[float, int]] = []
    for article_id, (size, blob) in candidates.items():
        other = np.frombuffer(blob, dtype=np.uint64)
        if len(other) != len(mine):
            continue
        estimate = similarity(estimated_jaccard(mine, other), fp.size, size)
        if estimate >= threshold - ESTIMATE_MARGIN:
            hopeful.append((estimate, article_id))
    hopeful.sort(key=lambda item: (-item[0], item[1]))
    ids = [article_id for _, article_id in hopeful[:MAX_VERIFIED]]
    best: tuple[int, float] | None = None
    for article_id, text in sorted(load_texts(ids).items()):
        sim = exact_similarity(fp.shingles, shingles(text))
        if sim >= threshold and (best is None or sim > best[1]):
            best = (article_id, sim)
    return best

