"""The ingest run: sources → clean Documents → one stored record per article.

Before a local file is read, its fingerprint (bytes, sidecar, options) is compared with the
one stored when it was last read whole: an unchanged file counts its articles as
``unchanged`` without being extracted again.

For each Document, in order (first match wins):
1. the same source (its key: a file's real path, a URL, a record's URL in its file) with the
   same content was stored before → ``unchanged`` (re-runs add nothing);
2. an article with the same content hash exists → a new sighting of it (``exact_duplicates``);
3. the same source was stored before with other content → an edited article: stored as a new
   row with ``revision_of`` naming the version it replaces (``revisions``); it is never a
   near-duplicate of its own earlier versions, but it can still be a copy of another article;
4. an article with the same URL key exists and its text is the same article's (similarity at
   least ``SAME_URL_SIMILARITY``) → a new sighting of it (``url_duplicates``); a URL claimed by
   a different text is not a key (a page giving its section as canonical URL);
5. a stored article at or above ``near_duplicate_threshold`` (LSH bands kept in the database,
   then exact verification; :mod:`.dedupe`) → stored as a new row linked to the original
   (``near_duplicates``): never lost, never counted twice;
6. otherwise a new article (``ingested``).

Steps 1–6 for one Document run in one write transaction (``BEGIN IMMEDIATE``), so several
processes ingesting into one database at once never store an article twice, and each sees the
band keys of every article committed before it. A run killed at any point can be run again.

Every unit (file, URL) and every record in it is isolated: whatever it raises becomes its
Problem and the run goes on (:func:`storyline.ingest.sources.isolated`); database errors such
as a lock held too long stop the run with one line, since no later input could be stored.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..errors import SourceError, StoreError
from ..models import Document, Problem
from ..settings import Settings
from ..store import Store
from ..store._base import safe_text
from . import dedupe
from .sources import Overrides, expand, input_fingerprint, read_unit, source_key, unexpected
from .urls import article_url_key

# Below this similarity, two texts under one URL are two articles (the URL is not a key).
SAME_URL_SIMILARITY = 0.5


@dataclass
class IngestReport:
    """What a run did: counts, the problems (source, line, reason) and the stored ids."""

    ingested: int = 0
    near_duplicates: int = 0
    exact_duplicates: int = 0
    url_duplicates: int = 0
    revisions: int = 0
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
                + self.url_duplicates + self.revisions + self.unchanged)

    def summary(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "near_duplicates": self.near_duplicates,
            "exact_duplicates": self.exact_duplicates,
            "url_duplicates": self.url_duplicates,
            "revisions": self.revisions,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "skipped_by_reason": self.skipped_by_reason,
            "via": dict(sorted(self.via.items())),
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.documents / self.seconds, 2) if self.seconds else None,
        }


class Ingestor:
    """Stores Documents with duplicate detection, one transaction per Document."""

    def __init__(self, store: Store, settings: Settings, overrides: Overrides = Overrides()):
        self.store = store
        self.settings = settings
        self.overrides = overrides
        self._index_ready = False

    # -- the near-duplicate index ----------------------------------------------------------

    def _ensure_index(self, report: IngestReport) -> None:
        """Index the stored articles once when their signatures and band keys were made
        another way (a database from before the index, or another ``minhash_perm``);
        afterwards each article adds its own."""
        if self._index_ready:
            return
        num_perm = self.settings.minhash_perm
        scheme = dedupe.lsh_scheme(num_perm)
        if self.store.lsh_scheme() != scheme:
            # one transaction: a second process waits, then finds the index built
            with self.store.transaction():
                if self.store.lsh_scheme() != scheme:
                    self.store.clear_lsh()
                    ids = self.store.article_ids()
                    for start in range(0, len(ids), 500):
                        for article_id, text in self.store.texts_of(ids[start:start + 500]).items():
                            fp = dedupe.fingerprint(text, num_perm)
                            self.store.replace_signature(article_id, num_perm, fp.size,
                                                         fp.signature)
                            self.store.add_band_keys(article_id, fp.band_keys)
                    self.store.set_lsh_scheme(scheme)
                    if ids:
                        report.notes.append(f"indexed the {len(ids)} stored articles for "
                                            f"near-duplicate detection ({scheme}); done once")
        self._index_ready = True

    def _near_match(self, fp: dedupe.Fingerprint, exclude: set[int]) -> tuple[int, float] | None:
        ranked = self.store.band_candidates(list(fp.band_keys), dedupe.MAX_CANDIDATES)
        ids = [article_id for article_id, _ in ranked if article_id not in exclude]
        signatures = self.store.signatures_of(ids, self.settings.minhash_perm)
        candidates = {i: signatures[i] for i in ids if i in signatures}
        return dedupe.best_match(fp, candidates, self.store.texts_of,
                                 self.settings.near_duplicate_threshold)

    # -- one unit --------------------------------------------------------------------------

    def ingest_unit(self, unit: str, report: IngestReport, run_id: int | None,
                    fetcher: Callable[..., Any] | None = None) -> None:
        """Read one file or URL and store what it holds; anything it raises is its Problem."""
        try:
            self._ingest_unit(unit, report, run_id, fetcher)
        except StoreError:
            raise  # the database, not the input: no later input could be stored either
        except Exception as exc:  # noqa: BLE001 - the per-unit boundary
            if self.settings.debug:
                raise
            self._problem(report, run_id, unexpected(unit, exc))

    def _ingest_unit(self, unit: str, report: IngestReport, run_id: int | None,
                     fetcher: Callable[..., Any] | None) -> None:
        key = source_key(unit)
        fingerprint = input_fingerprint(unit, self.settings, self.overrides)
        if fingerprint is not None:
            known = self.store.input_seen(key, fingerprint)
            if known is not None:
                report.unchanged += len(known)
                report.seen_ids.extend(known)
                return
        ids: list[int] = []
        clean = True
        for item in read_unit(unit, self.settings, self.overrides, fetcher):
            if isinstance(item, Problem):
                clean = False
                self._problem(report, run_id, item)
                continue
            try:
                article_id = self.add(item, report, unit_key=key)
            except StoreError:
                raise
            except SourceError as exc:
                clean = False
                self._problem(report, run_id, Problem(exc.source or item.source, exc.reason,
                                                      exc.detail, exc.line))
                continue
            except Exception as exc:  # noqa: BLE001 - one record's failure to store
                if self.settings.debug:
                    raise
                clean = False
                self._problem(report, run_id, unexpected(item.source, exc, stage="ingest"))
                continue
            ids.append(article_id)
            report.seen_ids.append(article_id)
        if fingerprint is not None:
            if clean:
                self.store.remember_input(key, fingerprint, ids)
            else:
                # a file with problems is read again next time, so they are reported again
                self.store.forget_input(key)

    def _problem(self, report: IngestReport, run_id: int | None, problem: Problem) -> None:
        problem = Problem(safe_text(problem.source), problem.reason, safe_text(problem.detail),
                          problem.line, problem.stage)
        report.problems.append(problem)
        self.store.add_problem(run_id, problem)

    # -- one Document ----------------------------------------------------------------------

    def add(self, doc: Document, report: IngestReport, *, unit_key: str | None = None) -> int:
        """Store one Document (or record where it was seen again); returns the article id."""
        doc = _sanitized(doc)
        warnings = doc.extra.get("warnings")
        if warnings:
            report.notes.extend(f"{doc.source}: {w}" for w in warnings)
            doc = replace(doc, extra={k: v for k, v in doc.extra.items() if k != "warnings"})
        if len(doc.text) > self.settings.max_bytes:
            raise SourceError("too-large", f"the extracted text has {len(doc.text):,} characters, "
                              f"over the limit of {self.settings.max_bytes:,} (setting "
                              "max_bytes)", doc.source)
        digest = dedupe.content_hash(doc.text)
        key = doc.key or unit_key or doc.source
        url_key = article_url_key(doc.url)
        fp = dedupe.fingerprint(doc.text, self.settings.minhash_perm)  # CPU, outside the lock
        self._ensure_index(report)
        with self.store.transaction():
            return self._decide(doc, report, digest, key, url_key, fp)

    def _decide(self, doc: Document, report: IngestReport, digest: str, key: str,
                url_key: str | None, fp: dedupe.Fingerprint) -> int:
        store = self.store
        known = store.sighting(key, digest, doc.source)
        if known is not None:
            report.unchanged += 1
            self._user_date(known, doc, same_source=True, report=report)
            return known
        same_text = store.article_id_by_hash(digest)
        if same_text is not None:
            store.add_sighting(same_text, doc, digest, "exact", key)
            report.exact_duplicates += 1
            self._user_date(same_text, doc, same_source=False, report=report)
            return same_text
        revision_of: int | None = None
        if doc.key:
            previous = store.latest_from_source(doc.key)
            if previous is not None:
                revision_of = previous[0]
        if revision_of is None and url_key:
            same_url = store.article_id_by_url(url_key)
            if same_url is not None:
                stored = store.texts_of([same_url]).get(same_url, "")
                if dedupe.exact_similarity(fp.shingles,
                                           dedupe.shingles(stored)) >= SAME_URL_SIMILARITY:
                    store.add_sighting(same_url, doc, digest, "url", key)
                    report.url_duplicates += 1
                    self._user_date(same_url, doc, same_source=False, report=report)
                    return same_url
                report.notes.append(
                    f"{doc.source}: its URL {doc.url} is also that of article {same_url}, whose "
                    "text is a different article; stored as its own article")
                url_key = None
        chain = set(store.revisions_of(revision_of)) if revision_of is not None else set()
        match = self._near_match(fp, exclude=chain)
        extra: dict[str, Any] = {}
        if match is not None:
            original = store.duplicate_root(match[0])
            extra = {"duplicate_of": original, "duplicate_kind": "near",
                     "similarity": round(match[1], 4)}
        if doc.dek and doc.outlet and doc.via == "html" and store.clear_shared_dek(
                doc.outlet, doc.dek, doc.source):
            # the same dek on two pages of one site is the site's description
            doc = replace(doc, dek=None)
        article_id = store.add_article(
            doc, content_hash=digest, url_key=url_key, signature=fp.signature,
            num_perm=self.settings.minhash_perm, shingles=fp.size, band_keys=fp.band_keys,
            source_key=key, revision_of=revision_of, **extra)
        if revision_of is not None:
            report.revisions += 1
        elif match is not None:
            report.near_duplicates += 1
        else:
            report.ingested += 1
        report.article_ids.append(article_id)
        report.via[doc.via] += 1
        if doc.via == "feed-content" and doc.extra.get("fetch_error"):
            report.notes.append(f"{doc.source}: used the feed's own content "
                                f"({doc.extra['fetch_error']})")
        repairs = doc.extra.get("decoding")
        if repairs:
            report.notes.append(f"{doc.source}: repaired while decoding: "
                                + "; ".join(str(r) for r in repairs[:3])
                                + (f" (and {len(repairs) - 3} more)" if len(repairs) > 3 else ""))
        return article_id

    def _user_date(self, article_id: int, doc: Document, *, same_source: bool,
                   report: IngestReport) -> None:
        """``--published`` for an article already stored: set it when the source gave no date.

        When the source states no date of its own, the date the user gave is set on the stored
        article if it has none, or if it is the same source read again (the user corrects the
        date they gave before). An article found as a copy from another source keeps the date
        it has. Each change is recorded (``ingest_changes``) and the article's analysis is
        dropped, so relative dates are anchored again.
        """
        given = self.overrides.published
        if not given or doc.published != given:
            return  # no --published, or the source states its own date
        stored = self.store.article(article_id).published
        if stored == given:
            return
        if stored is None or same_source:
            old = self.store.set_published(article_id, given, "--published")
            report.notes.append(f"{doc.source}: published set to {given} on stored article "
                                f"{article_id}" + (f" (was {old})" if old else ""))
        else:
            report.notes.append(f"{doc.source}: article {article_id} keeps its published "
                                f"{stored}; --published {given} only fills a missing date")


def _sanitized(doc: Document) -> Document:
    """The Document with lone surrogates replaced in every string, so hashing, storing and
    printing it cannot fail."""
    changes: dict[str, Any] = {}
    for f in fields(doc):
        value = getattr(doc, f.name)
        clean = _safe_value(value)
        if clean is not value:
            changes[f.name] = clean
    return replace(doc, **changes) if changes else doc


def _safe_value(value: Any) -> Any:
    if isinstance(value, str):
        clean = safe_text(value)
        return value if clean == value else clean
    if isinstance(value, dict):
        new = {safe_text(str(k)): _safe_value(v) for k, v in value.items()}
        return value if new == value else new
    if isinstance(value, (list, tuple)):
        items = [_safe_value(v) for v in value]
        return value if items == list(value) else type(value)(items)
    return value


def ingest(store: Store, sources: Iterable[str], settings: Settings,
           overrides: Overrides = Overrides(), *, fetcher: Callable[..., Any] | None = None,
           progress: Callable[[list[str | Problem]], Iterable[str | Problem]] | None = None,
           command: str = "ingest") -> IngestReport:
    """Ingest every source into ``store``; bad input is recorded as a Problem, never raised.

    Raises :class:`~storyline.errors.UsageError` before anything is read when an override
    cannot be used (``--published`` that is no date, ``--url`` that is no URL), and
    :class:`~storyline.errors.StoreError` when the database cannot be written.
    """
    from .ruledata import use

    started = time.perf_counter()
    overrides = overrides.checked()
    use(settings.rule_data)  # the user's rule data folder extends the shipped lists
    report = IngestReport()
    ingestor = Ingestor(store, settings, overrides)
    run_id = store.start_run(command)
    own_files = [store.path + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    units = list(expand(list(sources), exclude=own_files))
    for unit in (progress(units) if progress else units):
        if isinstance(unit, Problem):
            ingestor._problem(report, run_id, unit)
        else:
            ingestor.ingest_unit(unit, report, run_id, fetcher)
    report.seconds = time.perf_counter() - started
    store.finish_run(run_id, report.summary())
    return report
