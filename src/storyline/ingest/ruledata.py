"""Rule data for ingest (word lists such as site-section names) from TOML files a user can extend.

Format: one file per concern in ``storyline/ingest/data/`` (e.g. ``metadata.toml``), holding a
top-level ``version`` (a string; bump it when a list changes, since stored results depend on
it) and one table per list, each with a ``words`` array of strings::

    version = "1"

    [section_words]
    # Words that, alone or together, name a site section rather than an article.
    words = ["news", "sport", "world"]

A list may add ``case = "keep"`` to keep its words as written; otherwise they are compared
case-folded. To extend a list, add words to the file, or put a file with the same name in the
folder the setting ``rule_data`` names (the same folder analysis reads; :func:`use` installs
it for a run): its lists are added to the shipped ones (its version is appended to the shipped
version, so results made with it are told apart).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StorylineError

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class RuleData:
    """The lists of one rule file: ``lists[name]`` is a frozenset of words."""

    name: str
    version: str
    lists: dict[str, frozenset[str]]

    def __getitem__(self, key: str) -> frozenset[str]:
        try:
            return self.lists[key]
        except KeyError:
            raise StorylineError(f"rule file {self.name}.toml has no list [{key}]; add it "
                                 f"to {DATA_DIR / (self.name + '.toml')}") from None


#: Folders whose same-named files extend the shipped ones (the setting ``rule_data``).
_user_dirs: tuple[str, ...] = ()
#: Caches of values computed from rule data, cleared when :func:`use` changes the folders.
_derived: list[Any] = []
F = TypeVar("F", bound=Callable[..., Any])


def derived(fn: F) -> F:
    """``functools.cache`` for a value computed from rule data: recomputed after :func:`use`
    installs other folders."""
    cached = functools.cache(fn)
    _derived.append(cached)
    return cached  # type: ignore[return-value]


def use(folder: str | None) -> None:
    """Extend the shipped rule files with the same-named files of ``folder`` (None or empty:
    the shipped files alone) for what ingest reads from now on."""
    global _user_dirs
    dirs = (str(folder),) if folder else ()
    if dirs != _user_dirs:
        _user_dirs = dirs
        for cached in _derived:
            cached.cache_clear()


def load(name: str, extra_dirs: tuple[str, ...] | None = None) -> RuleData:
    """The rule file ``name`` (without ``.toml``), merged with same-named files in
    ``extra_dirs`` (default: the folders :func:`use` installed)."""
    return _load(name, _user_dirs if extra_dirs is None else tuple(extra_dirs))


@functools.cache
def _load(name: str, extra_dirs: tuple[str, ...]) -> RuleData:
    """Loaded once per process and folders. Raises :class:`~storyline.errors.StorylineError` naming the file
    when it is missing or not valid TOML of the documented shape.
    """
    version = ""
    lists: dict[str, set[str]] = {}
    paths = [DATA_DIR / f"{name}.toml"] + [Path(d) / f"{name}.toml" for d in extra_dirs]
    for i, path in enumerate(paths):
        if i and not path.is_file():
            continue
        part_version, part = _read(path)
        version = part_version if not i else f"{version}+{part_version}"
        for key, words in part.items():
            lists.setdefault(key, set()).update(words)
    return RuleData(name, version, {k: frozenset(v) for k, v in lists.items()})


def _read(path: Path) -> tuple[str, dict[str, set[str]]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StorylineError(f"cannot read rule file {path} ({exc.strerror}); reinstall "
                             "storyline or restore the file") from None
    except tomllib.TOMLDecodeError as exc:
        raise StorylineError(f"rule file {path} is not valid TOML ({exc}); fix the line "
                             "it names") from None
    version = data.pop("version", None)
    if not isinstance(version, str):
        raise StorylineError(f"rule file {path} needs a top-level version = \"...\" string")
    lists: dict[str, set[str]] = {}
    for key, table in data.items():
        words = table.get("words") if isinstance(table, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise StorylineError(f"rule file {path}: [{key}] needs words = [\"...\", ...], a "
                                 "list of strings")
        keep = table.get("case") == "keep"
        lists[key] = {w.strip() if keep else w.strip().casefold() for w in words if w.strip()}
    return version, lists
