"""The ingest run: sources → clean Documents → one stored record per article.

For each Document, in order (first match wins):
1. the same source with the same content was stored before → ``unchanged`` (re-runs add nothing);
2. an article with the same normalised URL exists → a new sighting of it (``url_duplicates``);
3. an article with the same content hash exists → a new sighting of it (``exact_duplicates``);
4. MinHash LSH finds a stored article at or above ``near_duplicate_threshold`` → stored as a
   new row linked to the original (``near_duplicates``): never lost, never counted twice;
5. otherwise a new article (``ingested``).
Each step's writes are one transaction, so a run killed at any point can simply be run again.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import Document, Problem
from ..settings import Settings
from ..store import Store
from . import dedupe
from .sources import Overrides, expand, read_unit
from .urls import normalize_url


@dataclass
class IngestReport:
    """What a run did: counts, the problems (source, line, reason) and the stored ids."""

    ingested: int = 0
    near_duplicates: int = 0
    exact_duplicates: int = 0
    url_duplicates: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)  # newly stored rows
    seen_ids: list[int] = field(default_factory=list)  # the article of every Document, in order
    via: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def skipped(self) -> int:
        return len(self.problems)

    @property
    def skipped_by_reason(self) -> dict[str, int]:
        return dict(sorted(Counter(p.reason for p in self.problems).items()))

    @property
    def documents(self) -> int:
        return (self.ingested + self.near_duplicates + self.exact_duplicates
                + self.url_duplicates + self.unchanged)

    def summary(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "near_duplicates": self.near_duplicates,
            "exact_duplicates": self.exact_duplicates,
            "url_duplicates": self.url_duplicates,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "skipped_by_reason": self.skipped_by_reason,
            "via": dict(sorted(self.via.items())),
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.documents / self.seconds, 2) if self.seconds else None,
        }


class Ingestor:
    """Stores Documents with duplicate detection; holds the near-duplicate index for a run."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self._index: dedupe.NearDuplicateIndex | None = None
        self._roots: dict[int, int] = {}

    def _near_index(self) -> dedupe.NearDuplicateIndex:
        if self._index is None:
            num_perm = self.settings.minhash_perm
            index = dedupe.NearDuplicateIndex(self.settings.near_duplicate_threshold, num_perm)
            # signatures made with another num_perm (a changed setting) are recomputed once
            for article_id, text in list(self.store.articles_without_signature(num_perm)):
                mh, size = dedupe.minhash(text, num_perm)
                self.store.replace_signature(article_id, num_perm, size,
                                             dedupe.signature_bytes(mh))
            for article_id, size, blob in self.store.signatures(num_perm):
                index.add(article_id, dedupe.from_signature(blob, num_perm), size)
            self._index = index
        return self._index

    def _root(self, article_id: int) -> int:
        """The original an article copies (itself when it is an original)."""
        if article_id not in self._roots:
            dup = self.store.article(article_id).duplicate_of
            self._roots[article_id] = dup if dup is not None else article_id
        return self._roots[article_id]

    def add(self, doc: Document, report: IngestReport) -> int:
        """Store one Document (or record where it was seen again); returns the article id."""
        digest = dedupe.content_hash(doc.text)
        known = self.store.sighting(doc.source, digest)
        if known is not None:
            report.unchanged += 1
            return known
        url_key = normalize_url(doc.url) if doc.url else None
        if url_key:
            same_url = self.store.article_id_by_url(url_key)
            if same_url is not None:
                self.store.add_sighting(same_url, doc, digest, "url")
                report.url_duplicates += 1
                return same_url
        same_text = self.store.article_id_by_hash(digest)
        if same_text is not None:
            self.store.add_sighting(same_text, doc, digest, "exact")
            report.exact_duplicates += 1
            return same_text
        index = self._near_index()
        mh, size = dedupe.minhash(doc.text, index.num_perm)
        match = index.best_match(mh, size)
        if match is not None:
            original, similarity = self._root(match[0]), match[1]
            article_id = self.store.add_article(
                doc, content_hash=digest, url_key=url_key, duplicate_of=original,
                duplicate_kind="near", similarity=round(similarity, 4),
                signature=dedupe.signature_bytes(mh), num_perm=index.num_perm, shingles=size)
            self._roots[article_id] = original
            report.near_duplicates += 1
        else:
            article_id = self.store.add_article(
                doc, content_hash=digest, url_key=url_key,
                signature=dedupe.signature_bytes(mh), num_perm=index.num_perm, shingles=size)
            report.ingested += 1
        index.add(article_id, mh, size)
        report.article_ids.append(article_id)
        report.via[doc.via] += 1
        if doc.via == "feed-content" and doc.extra.get("fetch_error"):
            report.notes.append(f"{doc.source}: used the feed's own content "
                                f"({doc.extra['fetch_error']})")
        return article_id


def ingest(store: Store, sources: Iterable[str], settings: Settings,
           overrides: Overrides = Overrides(), *, fetcher: Callable[..., Any] | None = None,
           progress: Callable[[list[str | Problem]], Iterable[str | Problem]] | None = None,
           command: str = "ingest") -> IngestReport:
    """Ingest every source into ``store``; bad input is recorded as a Problem, never raised."""
    started = time.perf_counter()
    report = IngestReport()
    ingestor = Ingestor(store, settings)
    run_id = store.start_run(command)
    own_files = [store.path + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    units = list(expand(list(sources), exclude=own_files))
    for unit in (progress(units) if progress else units):
        items = [unit] if isinstance(unit, Problem) else read_unit(unit, settings, overrides,
                                                                   fetcher)
        for item in items:
            if isinstance(item, Problem):
                report.problems.append(item)
                store.add_problem(run_id, item)
            else:
                report.seen_ids.append(ingestor.add(item, report))
    report.seconds = time.perf_counter() - started
    store.finish_run(run_id, report.summary())
    return report
