"""Analysis queries: the records analyze/ stores per article, written in one transaction per
batch and read back one article or many at a time.

The store does not know which components exist: it is handed a *schema* — component name →
the record kinds it assigns (:meth:`AnalysisQueries.use_schema`) — and makes their tables from
the declarations (:mod:`.records`). ``analyses`` holds one row per article (overall status and
stage version), ``analysis_components`` one per article and component (version, fingerprint,
status): what re-analysis compares to decide what is stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..errors import StoreError
from ..models import Analysis, ComponentRun, Entity, Mention, RecordKind
from . import records as rec
from ._base import StoreBase, now

Schema = Mapping[str, Sequence[RecordKind]]

#: Article ids per query when reading many analyses (SQLite's variable limit is 32766).
BATCH = 500


class AnalysisQueries(StoreBase):
    _schema: dict[str, tuple[rec.Table, ...]] | None = None

    # -- schema -------------------------------------------------------------------------------

    def use_schema(self, schema: Schema) -> None:
        """Make (or adapt) the tables of every record kind in ``schema`` and use them."""
        tables = {name: tuple(rec.table_for(k) for k in kinds) for name, kinds in schema.items()}
        with self.transaction() as conn:
            rec.ensure(conn, [t for ts in tables.values() for t in ts], now())
        self._schema = tables

    def _tables(self) -> dict[str, tuple[rec.Table, ...]]:
        if self._schema is None:
            raise StoreError("the store has no analysis schema; open it through storyline.open() "
                             "or call store.use_schema(...) first")
        return self._schema

    # -- staleness ----------------------------------------------------------------------------

    def analysis_fingerprints(self, ids: list[int] | None = None
                              ) -> dict[int, dict[str, str | None]]:
        """For each article (all, or ``ids``): component → stored fingerprint (articles never
        analyzed map to an empty dict)."""
        sql = "SELECT id FROM articles" + (
            f" WHERE id IN ({','.join('?' * len(ids))})" if ids else "") + " ORDER BY id"
        out: dict[int, dict[str, str | None]] = {r[0]: {} for r in self.conn.execute(sql, ids or [])}
        for chunk in _chunks(list(out), BATCH):
            marks = ",".join("?" * len(chunk))
            for aid, comp, fp, status in self.conn.execute(
                    "SELECT article_id, component, fingerprint, status FROM analysis_components "
                    f"WHERE article_id IN ({marks})", chunk):
                # a failed component is stale: the next run tries again
                out[aid][comp] = fp if status != "failed" else None
        return out

    # -- writing ------------------------------------------------------------------------------

    def save_analysis(self, analysis: Analysis, written: Iterable[str] | None = None) -> None:
        """Store an analysis, replacing the records of the components in ``written`` (default:
        every component the analysis has a run for), atomically."""
        self.save_analyses([analysis], None if written is None else [set(written)])

    def save_analyses(self, analyses: Sequence[Analysis],
                      written: Sequence[set[str]] | None = None) -> None:
        """Store many analyses in one transaction (see :meth:`save_analysis`)."""
        tables = self._tables()
        with self.transaction() as conn:
            for i, a in enumerate(analyses):
                aid = a.article_id
                if aid is None:
                    raise StoreError("an analysis needs an article id to be stored")
                names = set(a.components) if written is None else written[i]
                conn.execute(
                    "INSERT OR REPLACE INTO analyses (article_id, version, status, reason, "
                    "analyzed_at) VALUES (?,?,?,?,?)", (aid, a.version, a.status, a.reason, now()))
                for name in sorted(names):
                    run = a.components.get(name)
                    for table in tables.get(name, ()):
                        rec.delete(conn, table, [aid])
                        if run is not None and run.status == "analyzed":
                            rec.insert(conn, table, aid, a[table.name])
                    if run is None:
                        conn.execute("DELETE FROM analysis_components WHERE article_id = ? AND "
                                     "component = ?", (aid, name))
                        continue
                    conn.execute(
                        "INSERT OR REPLACE INTO analysis_components (article_id, component, "
                        "version, fingerprint, status, reason, analyzed_at) "
                        "VALUES (?,?,?,?,?,?,?)",
                        (aid, name, run.version, run.fingerprint, run.status, run.reason, now()))

    # -- reading ------------------------------------------------------------------------------

    def analysis(self, article_id: int) -> Analysis | None:
        """The stored analysis of an article, or None when it was never analyzed."""
        return next(iter(self.analyses([article_id])), None)

    def analyses(self, ids: Iterable[int] | None = None) -> Iterator[Analysis]:
        """Stored analyses (of ``ids``, else of every analyzed article in id order), read
        :data:`BATCH` articles at a time with one query per table."""
        if ids is None:
            wanted = [r[0] for r in self.conn.execute(
                "SELECT article_id FROM analyses ORDER BY article_id")]
        else:
            wanted = list(ids)
        tables = self._tables()
        for chunk in _chunks(wanted, BATCH):
            marks = ",".join("?" * len(chunk))
            heads = {r["article_id"]: r for r in self.conn.execute(
                "SELECT s.*, a.language, a.published FROM analyses s JOIN articles a "
                f"ON a.id = s.article_id WHERE s.article_id IN ({marks})", chunk)}
            runs: dict[int, dict[str, ComponentRun]] = {}
            for r in self.conn.execute(
                    "SELECT * FROM analysis_components WHERE article_id IN "
                    f"({marks}) ORDER BY article_id, component", chunk):
                runs.setdefault(r["article_id"], {})[r["component"]] = ComponentRun(
                    r["version"], r["status"], r["reason"], r["fingerprint"])
            found: dict[int, dict[str, tuple[Any, ...]]] = {aid: {} for aid in heads}
            for comp_tables in tables.values():
                for table in comp_tables:
                    for aid, records in rec.select(self.conn, table, list(heads)).items():
                        found[aid][table.name] = tuple(records)
            for aid in chunk:
                head = heads.get(aid)
                if head is None:
                    continue
                for name, run in runs.get(aid, {}).items():
                    if run.status == "analyzed":  # a component that ran and found nothing
                        for table in tables.get(name, ()):
                            found[aid].setdefault(table.name, ())
                yield Analysis(article_id=aid, version=head["version"], status=head["status"],
                               reason=head["reason"], language=head["language"],
                               published=head["published"], records=found[aid],
                               components=runs.get(aid, {}))

    def entities_named(self, name: str, type: str | None = None  # noqa: A002
                       ) -> list[tuple[int, Entity]]:
        """Every article entity whose name is ``name`` (case-insensitive), with its mentions,
        as ``(article_id, entity)``: the lookup cross-article linking blocks on."""
        sql = "SELECT article_id, entity_id FROM entities WHERE name = ? COLLATE NOCASE"
        params: list[Any] = [name]
        if type:
            sql += " AND type = ?"
            params.append(type)
        pairs = [(r[0], r[1]) for r in self.conn.execute(sql + " ORDER BY article_id", params)]
        table = next(t for ts in self._tables().values() for t in ts if t.name == "entities")
        out = []
        by_article = rec.select(self.conn, table, sorted({aid for aid, _ in pairs}))
        for aid, eid in pairs:
            out += [(aid, e) for e in by_article.get(aid, ()) if e.id == eid]
        return out

    def mentions_of(self, refs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], list[Mention]]:
        """Mentions of entities across articles: ``(article_id, entity_id)`` → mentions."""
        refs = list(refs)
        out: dict[tuple[int, str], list[Mention]] = {ref: [] for ref in refs}
        table = next(t for ts in self._tables().values() for t in ts if t.name == "entities")
        child = dict(table.children)["mentions"]
        for chunk in _chunks(sorted({aid for aid, _ in refs}), BATCH):
            for aid, rows in rec._rows(self.conn, child, chunk, with_parent=True).items():
                for parent, mention in rows:
                    if (aid, parent) in out:
                        out[(aid, parent)].append(mention)
        return out


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
