"""Several real storyline processes on one database give what one clean run gives."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from robust_stories import body, story

ROOT = Path(__file__).resolve().parents[1]


def _corpus(tmp_path: Path) -> list[Path]:
    """Three overlapping folders of originals, near copies and exact copies."""
    everything = tmp_path / "all"
    everything.mkdir()
    for n in range(36):
        (everything / f"o{n:02d}.txt").write_text(story(n))
    for n in range(0, 36, 3):  # syndicated copies: new headline, one paragraph dropped
        paras = body(n).split("\n\n")
        (everything / f"c{n:02d}.txt").write_text(
            f"Copy of story {n} from the wire\n\n" + "\n\n".join(paras[:2] + paras[3:]))
    records = [{"title": f"Exact copy {n}", "text": body(n)} for n in range(1, 36, 5)]
    (everything / "exact.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    names = sorted(p.name for p in everything.iterdir())
    folders = []
    for label, chosen in (("first", names[: len(names) * 2 // 3]),
                          ("second", names[len(names) // 3:]),
                          ("third", names[::2] + names[1::2])):
        folder = tmp_path / label
        folder.mkdir()
        for name in chosen:
            # symlinks: the same files, so sightings are the same sources in every run
            (folder / name).symlink_to(everything / name)
        folders.append(folder)
    return [everything, *folders]


def _cmd(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "storyline", "ingest", str(folder), "--db", str(db), "--json"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "STORYLINE_FETCH_FEED_PAGES": "false"}


def _state(db: Path) -> dict[str, object]:
    with sqlite3.connect(db) as conn:
        hashes = {r[0] for r in conn.execute("SELECT content_hash FROM articles")}
        rows = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        by_id = dict(conn.execute("SELECT id, content_hash FROM articles"))
        groups: dict[str, set[str]] = {}
        for article_id, original in conn.execute(
                "SELECT id, coalesce(duplicate_of, id) FROM articles"):
            groups.setdefault(by_id[original], set()).add(by_id[article_id])
        partition = {frozenset(g) for g in groups.values()}
        links = conn.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
        sightings = {(r[0], r[1]) for r in conn.execute(
            "SELECT source_key, content_hash FROM sightings")}
        bands = conn.execute("SELECT count(DISTINCT article_id) FROM ingest_lsh_bands"
                             ).fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return {"rows": rows, "hashes": hashes, "partition": partition, "links": links,
            "sightings": sightings, "indexed": bands}


@pytest.mark.slow
def test_concurrent_ingests_on_overlapping_inputs_equal_one_clean_run(tmp_path):
    everything, *folders = _corpus(tmp_path)
    clean_db = tmp_path / "clean.db"
    done = subprocess.run(_cmd(everything, clean_db), capture_output=True, text=True, env=_env())
    assert done.returncode == 0, done.stderr
    clean = _state(clean_db)
    assert clean["links"] == 12 and clean["rows"] == 48  # 36 originals + 12 near copies

    busy_db = tmp_path / "busy.db"  # created by whichever process gets there first
    procs = [subprocess.Popen(_cmd(folder, busy_db), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=_env())
             for folder in [*folders, everything]]
    outputs = [p.communicate(timeout=600) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        assert json.loads(out)["skipped"] == 0
    busy = _state(busy_db)
    assert busy["rows"] == clean["rows"] and busy["hashes"] == clean["hashes"]
    assert busy["links"] == clean["links"], "a near-duplicate link was lost"
    assert busy["partition"] == clean["partition"]
    assert busy["sightings"] == clean["sightings"]
    assert busy["indexed"] == busy["rows"]


@pytest.mark.slow
def test_a_lock_held_past_busy_timeout_stops_with_one_line_and_exit_4(tmp_path):
    (tmp_path / "a.txt").write_text(story(1))
    db = tmp_path / "locked.db"
    subprocess.run(_cmd(tmp_path / "a.txt", db), capture_output=True, env=_env(), check=True)
    (tmp_path / "b.txt").write_text(story(2))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that does not let go
    try:
        env = {**_env(), "STORYLINE_BUSY_TIMEOUT": "0.5"}
        done = subprocess.run([sys.executable, "-m", "storyline", "ingest", str(tmp_path / "b.txt"),
                               "--db", str(db)], capture_output=True, text=True, env=env,
                              timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 4, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "is busy" in lines[0] and "busy_timeout" in lines[0]
    again = subprocess.run(_cmd(tmp_path / "b.txt", db), capture_output=True, text=True,
                           env=_env())
    assert again.returncode == 0 and json.loads(again.stdout)["ingested"] == 1
