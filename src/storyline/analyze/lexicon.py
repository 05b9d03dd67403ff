"""Rule data for analyze/: the word lists and tables the rules read, loaded from TOML files.

The package's files live in ``analyze/data/`` (one file per concern: ``titles.toml``,
``names.toml``, ``places.toml`` …; docs/rule-data.md lists them). A file of the same name in
the folder named by the ``rule_data`` setting extends the package's entries: its lists are
added to the package's lists and its tables update the package's tables. Two special keys
change that per entry: ``replace = ["key", …]`` makes the user's value replace the package's,
and a ``[remove]`` table (``key = ["word", …]``) takes entries out. A user file with a name the
package does not have adds new entries (for a user's own component).

Each entry becomes an upper-case attribute of this module (``titles`` → ``lexicon.TITLES``):
lists become frozensets (tuples where order matters), tables dicts. Rules always read them as
``lexicon.NAME`` at call time, so :func:`active` can install a user's data for a run.
:func:`data_version` hashes the effective content of files, and component versions include it,
so editing a file marks the analyses that read it stale.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SettingsError

if TYPE_CHECKING:
    from ..settings import Settings

DATA = Path(__file__).resolve().parent / "data"

#: Entries whose order matters (kept as tuples, in file order).
_ORDERED = frozenset({"demonym_suffixes", "person_suffixes"})
_SPECIAL = frozenset({"replace", "remove"})


@dataclass(frozen=True)
class Lexicon:
    """The effective rule data: every entry by name, and a version per file."""

    entries: Mapping[str, Any]
    versions: Mapping[str, str]
    folder: str | None = None

    def version(self, files: Iterable[str]) -> str:
        """One short hash for the effective content of ``files`` (file stems)."""
        parts = []
        for name in sorted(set(files)):
            if name not in self.versions:
                raise SettingsError(f"rule data file {name}.toml does not exist in {DATA}"
                                    + (f" or {self.folder}" if self.folder else ""))
            parts.append(f"{name}:{self.versions[name]}")
        return hashlib.sha1("|".join(parts).encode()).hexdigest()[:8]


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"rule data file {path} cannot be read: {exc}; fix the file "
                            "(TOML: `key = [\"word\", …]` lists, `[key]` tables)") from None


def _check(path: Path, key: str, value: Any) -> None:
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise SettingsError(f"{path}: entry {key!r} must be a list of strings")
    elif isinstance(value, dict):
        if not all(isinstance(v, str) for v in value.values()):
            raise SettingsError(f"{path}: table {key!r} must map strings to strings")
    else:
        raise SettingsError(f"{path}: entry {key!r} must be a list or a table, "
                            f"not {type(value).__name__}")


def _merge(base: Any, extra: Any, replace: bool) -> Any:
    if replace or base is None:
        return extra
    if isinstance(base, list) and isinstance(extra, list):
        return base + [v for v in extra if v not in base]
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **extra}
    raise SettingsError("a user rule data entry must have the same shape (list or table) as "
                        "the package's entry of that name")


def load(folder: str | None = None) -> Lexicon:
    """The package's rule data, extended by the files in ``folder``; cached until a file of
    the folder changes."""
    return _load(folder, _stamp(folder))


def _stamp(folder: str | None) -> tuple[tuple[str, int, int], ...]:
    if not folder or not Path(folder).is_dir():
        return ()
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                 for p in sorted(Path(folder).glob("*.toml")))


@lru_cache(maxsize=8)
def _load(folder: str | None, stamp: tuple[tuple[str, int, int], ...]) -> Lexicon:
    raw: dict[str, dict[str, Any]] = {}
    owner: dict[str, str] = {}
    for path in sorted(DATA.glob("*.toml")):
        data = _read(path)
        for key, value in data.items():
            _check(path, key, value)
            if key in owner:
                raise SettingsError(f"rule data entry {key!r} is in both {owner[key]}.toml and "
                                    f"{path.stem}.toml; an entry lives in one file")
            owner[key] = path.stem
        raw[path.stem] = data
    if folder:
        user = Path(folder)
        if not user.is_dir():
            raise SettingsError(f"rule_data folder {folder} does not exist; point the "
                                "rule_data setting at a folder of .toml files or leave it empty")
        from ..ingest.ruledata import DATA_DIR as INGEST_DATA

        ingest_files = {p.name for p in INGEST_DATA.glob("*.toml")}
        for path in sorted(user.glob("*.toml")):
            if path.name in ingest_files:
                continue  # metadata.toml, chrome.toml: ingest's lists (ingest/ruledata.py)
            data = _read(path)
            replace = set(data.get("replace", []))
            remove = data.get("remove", {})
            target = raw.setdefault(path.stem, {})
            for key, value in data.items():
                if key in _SPECIAL:
                    continue
                _check(path, key, value)
                if key in owner and owner[key] != path.stem:
                    raise SettingsError(f"{path}: entry {key!r} belongs in "
                                        f"{owner[key]}.toml; put it in a file of that name")
                owner.setdefault(key, path.stem)
                target[key] = _merge(target.get(key), value, key in replace)
            for key, gone in remove.items():
                if key not in target:
                    raise SettingsError(f"{path}: [remove] names {key!r}, which "
                                        f"{path.stem}.toml does not have")
                drop = set(gone)
                value = target[key]
                target[key] = ([v for v in value if v not in drop] if isinstance(value, list)
                               else {k: v for k, v in value.items() if k not in drop})
    entries: dict[str, Any] = {}
    versions: dict[str, str] = {}
    for stem, data in raw.items():
        versions[stem] = hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()[:8]
        for key, value in data.items():
            if isinstance(value, list):
                entries[key] = tuple(value) if key in _ORDERED else frozenset(value)
            else:
                entries[key] = dict(value)
    return Lexicon(entries, versions, folder)


def data_version(files: Iterable[str], settings: Settings | None = None) -> str:
    """Version of the effective content of rule data ``files`` under ``settings``."""
    return load(_folder(settings)).version(files)


def _folder(settings: Settings | None) -> str | None:
    folder = getattr(settings, "rule_data", None) if settings is not None else None
    return str(folder) if folder else None


# ---- what the rules read -----------------------------------------------------------------------

_installed: Lexicon | None = None


def _install(lex: Lexicon) -> None:
    """Bind every entry, and the sets derived from them, as attributes of this module."""
    global _installed
    module = sys.modules[__name__]
    for key, value in lex.entries.items():
        setattr(module, key.upper(), value)
    for key, value in _derive(lex.entries).items():
        setattr(module, key, value)
    _installed = lex


def _derive(e: Mapping[str, Any]) -> dict[str, Any]:
    """Sets computed from the entries once per install instead of once per call."""
    titles = e["titles"]
    return {
        "PORTFOLIO_WORDS": e["portfolios"] | e["portfolio_words"],
        "NAME_JUNK": e["speaker_titles"] | e["name_junk"],
        "GIVEN_NAMES": e["first_names"] | e["male_names"] | e["female_names"],
        "TITLE_FIRST": frozenset(re.split(r"[\s-]", key)[0] for key in titles),
        "TITLE_LAST": frozenset(re.split(r"[\s-]", key)[-1] for key in titles),
        "SPEAKER_ORG_WORDS": e["org_words"] | e["speaker_org_nouns"]
        | frozenset({"cafe", "hall", "press", "news"}),
        "SPEAKER_ALL_PRONOUNS": e["speaker_pronouns"] | e["group_pronouns"],
        # "Sen. Ana Roe" said: the words a described speaker loses at its start
        "SPEAKER_HONORIFIC_RE": re.compile(
            r"^(?:(?:" + "|".join(sorted(map(re.escape, e["speaker_honorifics"]), key=len,
                                         reverse=True)) + r")\.?\s+)+", re.IGNORECASE),
        # "READ MORE: …", "WATCH: …": a teaser line, not a transcript speaker's label
        "TEASER_RE": re.compile(
            r"\s*(?:" + "|".join(sorted(map(re.escape, e["teaser_labels"]), key=len,
                                       reverse=True)) + r")\s*:", re.IGNORECASE),
    }


@contextmanager
def active(settings: Settings | None = None) -> Iterator[Lexicon]:
    """Install the rule data of ``settings`` (its ``rule_data`` folder) while analyzing.

    The package's data is installed at import; a run with a user folder installs that one and
    puts the previous one back afterwards.
    """
    lex = load(_folder(settings))
    previous = _installed
    if lex is not previous:
        _install(lex)
    try:
        yield lex
    finally:
        if previous is not None and previous is not lex:
            _install(previous)


def _entries() -> Mapping[str, Any]:
    assert _installed is not None  # installed at import
    return _installed.entries


def country_code(text: str) -> str | None:
    """ISO alpha-2 code for a country name or nationality adjective, else None."""
    key = text.strip().lower().removeprefix("the ").strip()
    e = _entries()
    return e["countries"].get(key) or e["nationalities"].get(key)


def number_value(word: str) -> float | None:
    """The value of one written number: digits ("1,204", "6.5"), a number word of the
    ``number_words`` table ("eleven") or a compound of tens and units ("twenty-three");
    None for anything else."""
    low = word.strip().lower().replace(",", "")
    words = _entries()["number_words"]
    if low in words:
        return float(words[low])
    tens, dash, units = low.partition("-")
    if dash and tens in words and units in words:
        t, u = float(words[tens]), float(words[units])
        return t + u if t % 10 == 0 and 10 < t < 100 and u < 10 else None
    try:
        value = float(low)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def is_constituent(text: str) -> bool:
    """True for a country inside a country ("England", "Scotland"): a place of its own, not
    another name of the state whose code it carries."""
    key = text.strip().lower().removeprefix("the ").strip()
    return key in _entries()["constituent_countries"]


def country_name(code: str) -> str:
    """Canonical English name for an ISO alpha-2 code this lexicon knows."""
    e = _entries()
    if code in e["country_names"]:
        return str(e["country_names"][code])
    for name, value in e["countries"].items():
        if value == code and len(name) > 3:
            return str(name.title().replace(" And ", " and ").replace(" Of ", " of "))
    return code


def name_gender(name: str) -> str | None:
    """"m" or "f" when the first word of ``name`` is a given name this lexicon knows, else None."""
    words = name.split()
    if not words:
        return None
    first = words[0].lower().strip(".,")
    e = _entries()
    if first in e["male_names"]:
        return "m"
    if first in e["female_names"]:
        return "f"
    return None


_install(load(None))  # the package's own data, so the rules work without an activation


def __getattr__(name: str) -> Any:  # pragma: no cover - only for a clear error message
    raise AttributeError(f"rule data has no entry {name.lower()!r} (looked for "
                         f"lexicon.{name}); add it to a file in {DATA}")
