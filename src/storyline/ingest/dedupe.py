"""Duplicate detection: exact copies by content hash, near copies by MinHash with LSH bands.

MinHash is computed here with numpy (no datasketch, whose import pulls scipy and costs every
command half a second).

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

import functools
import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Any

SHINGLE = 5
SCHEME = "u32-crc32-v1"  # names how signatures are made: another scheme rebuilds them all
BAND_ROWS = 2
MIN_SHINGLES_FOR_CONTAINMENT = 40
MAX_CANDIDATES = 200  # ranked by shared band keys; real copies share many
ESTIMATE_MARGIN = 0.3
MAX_VERIFIED = 12
_WORD = re.compile(r"\w+", re.UNICODE)
_PRIME = (1 << 61) - 1
_LOW32 = (1 << 32) - 1
_EMPTY = _LOW32  # the signature value of a permutation that saw no shingle
_CHUNK = 4096


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
        return signature_bytes(self.hashvalues)


def fingerprint(text: str, num_perm: int) -> Fingerprint:
    grams = shingles(text)
    values = minhash_of(grams, num_perm)
    return Fingerprint(frozenset(grams), values, tuple(band_keys(values)))


def minhash(text: str, num_perm: int) -> tuple[Any, int]:
    """The MinHash signature of a body (``num_perm`` uint64 values) and its number of distinct
    shingles."""
    grams = shingles(text)
    return minhash_of(grams, num_perm), len(grams)


def minhash_of(grams: set[bytes] | frozenset[bytes], num_perm: int) -> Any:
    """MinHash by universal hashing: each shingle gets a 32-bit hash x (CRC-32: fast, and the
    permutations below do the mixing), permutation i maps it to
    ((a_i·x + b_i) mod (2^61 − 1)) mod 2^32, and the signature keeps each permutation's
    minimum. The (a_i, b_i) come from BLAKE2b of the permutation's index, so signatures are the
    same on every machine and every release of every library."""
    import numpy as np

    a, b = _permutations(num_perm)
    out = np.full(num_perm, _EMPTY, dtype=np.uint64)
    items = list(grams)
    # chunks keep memory at num_perm × chunk values, whatever the size of the text
    for start in range(0, len(items), _CHUNK):
        chunk = items[start:start + _CHUNK]
        x = np.fromiter(map(zlib.crc32, chunk), dtype=np.uint64, count=len(chunk))
        values = ((np.outer(a, x) + b[:, None]) % _PRIME) & _LOW32
        np.minimum(out, values.min(axis=1), out=out)
    return out


@functools.lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[Any, Any]:
    import numpy as np

    pairs = [hashlib.blake2b(f"storyline-minhash-{i}".encode(), digest_size=8).digest()
             for i in range(num_perm)]
    # a in [1, 2^32), b in [0, 2^32): a·x + b stays below 2^64 for any 32-bit x
    a = np.array([int.from_bytes(p[:4], "little") | 1 for p in pairs], dtype=np.uint64)
    b = np.array([int.from_bytes(p[4:], "little") for p in pairs], dtype=np.uint64)
    return a, b


def signature_bytes(values: Any) -> bytes:
    import numpy as np

    return np.asarray(values, dtype=np.uint64).tobytes()


def from_signature(data: bytes) -> Any:
    import numpy as np

    return np.frombuffer(data, dtype=np.uint64)


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

