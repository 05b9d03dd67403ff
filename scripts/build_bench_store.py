"""Build a synthetic store of N articles for `storyline bench ingest --into DB`.

    python scripts/build_bench_store.py 100000 /tmp/bench-100k.db

Articles are made of random news words (no real text), about 450 words each, 60 outlets,
dates 2020-2026, and stored through the same ingest path as real ones (content hash, MinHash
signature, band keys, sighting), without extraction. Runs in batches, so it can be stopped and
run again to continue.
"""

from __future__ import annotations

import random
import sys
import time

from storyline.ingest.pipeline import IngestReport, Ingestor
from storyline.models import Document
from storyline.settings import load_settings
from storyline.store import Store

WORDS = ("harbour council ferry budget minister treaty border strike grain tariff bridge railway "
         "drought museum envoy senate miners reservoir summit cargo pension school airport forest "
         "quota festival court election vaccine port river mayor police report vote plan talks "
         "crew storm flood farmers union prices market bank loan health hospital teachers "
         "students road tunnel energy power wind solar coast fishing trawler customs").split()


def _doc(n: int) -> Document:
    rng = random.Random(n)
    paras = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 90))).capitalize() + "."
             for _ in range(6)]
    year, month, day = rng.randint(2020, 2026), rng.randint(1, 12), rng.randint(1, 28)
    return Document(text="\n\n".join(paras), source=f"synthetic/{n}.txt", via="text",
                    title=f"Synthetic story {n}", outlet=f"Outlet {n % 60}",
                    published=f"{year}-{month:02d}-{day:02d}",
                    url=f"https://outlet{n % 60}.example/{year}/{month:02d}/story-number-{n}")


def main() -> None:
    target, path = int(sys.argv[1]), sys.argv[2]
    settings = load_settings(db=path)
    with Store(path) as store:
        start = store.counts()["articles"]
        ingestor = Ingestor(store, settings)
        report = IngestReport()
        started = time.perf_counter()
        for n in range(start, target):
            ingestor.add(_doc(n), report)
            if n % 5000 == 0:
                print(f"{n} articles, {time.perf_counter() - started:.0f} s", flush=True)
    print(f"done: {target} articles in {path}")


if __name__ == "__main__":
    main()
