"""Rewrite tests/golden/demo_analysis.json from the current analysis (`make golden`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden_demo import GOLDEN, analyze_demo, manifest_scores, summary  # noqa: E402

rows = analyze_demo()
GOLDEN.parent.mkdir(exist_ok=True)
GOLDEN.write_text(json.dumps(summary(rows), indent=1, ensure_ascii=False) + "\n",
                  encoding="utf-8")
scores = manifest_scores(rows)
scores.pop("misses")
print(f"wrote {GOLDEN}: {len(rows)} articles; manifest scores {json.dumps(scores)}")
