"""A run killed at any point leaves a consistent database; running again completes the job."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORDS = ("harbor ferry council minister budget treaty border river election court strike "
         "grain tariff festival bridge railway drought vaccine museum port envoy senate "
         "miners reservoir ceasefire summit cargo pension school airport forest quota").split()


def _write_articles(folder: Path, n: int) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for i in range(n):
        paras = [" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "."
                 for _ in range(3)]
        (folder / f"a{i:04d}.txt").write_text("\n\n".join(paras) + "\n")


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_killed_ingest_leaves_consistent_db_and_rerun_completes(tmp_path):
    n = 400
    folder = tmp_path / "in"
    _write_articles(folder, n)
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "storyline", "ingest", str(folder), "--db", str(db), "--json"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    # kill as soon as some articles are in, i.e. in the middle of the run
    while proc.poll() is None and _count(db) < 20:
        time.sleep(0.02)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        # every stored article is whole: its sighting and signature were written with it
        assert conn.execute("SELECT count(*) FROM articles WHERE id NOT IN "
                            "(SELECT article_id FROM sightings)").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM minhashes").fetchone()[0] == stored
    assert stored < n, "the run finished before it could be killed; make the corpus larger"
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
        assert conn.execute("SELECT count(DISTINCT source) FROM sightings").fetchone()[0] == n
        assert conn.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
                            ).fetchone()[0] == 0
