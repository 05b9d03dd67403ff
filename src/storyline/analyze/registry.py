"""The analysis components, registered in one place: the pipeline runs them in dependency
order, the store makes their tables and the CLI prints their records from this list.

To add a component: write one module that builds a :class:`~.component.Component` (see
docs/analysis.md, "Adding a component") and add one line below — or, without editing the
package, name it in the ``extra_components`` setting (``package.module:COMPONENT``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ..errors import SettingsError
from ..models import RecordKind
from . import actions, entities, quotes, sentences, terms, time_exprs
from .component import Component, ordered

if TYPE_CHECKING:
    from ..settings import Settings

COMPONENTS: tuple[Component, ...] = (
    sentences.COMPONENT,
    entities.COMPONENT,
    quotes.COMPONENT,
    time_exprs.COMPONENT,
    actions.COMPONENT,
    terms.COMPONENT,
)


def default_components(settings: Settings | None = None) -> tuple[Component, ...]:
    """The registered components plus those the ``extra_components`` setting names, ordered."""
    extra = []
    for ref in _refs(getattr(settings, "extra_components", "") if settings else ""):
        module, _, attr = ref.partition(":")
        try:
            found = getattr(importlib.import_module(module), attr or "COMPONENT")
        except (ImportError, AttributeError) as exc:
            raise SettingsError(f"extra_components: cannot load {ref!r} ({exc}); give "
                                "`package.module:NAME` of an importable Component") from None
        if not isinstance(found, Component):
            raise SettingsError(f"extra_components: {ref!r} is a {type(found).__name__}, "
                                "not a storyline Component")
        extra.append(found)
    return ordered((*COMPONENTS, *extra))


def record_kinds(components: tuple[Component, ...] | None = None) -> tuple[RecordKind, ...]:
    """Every record kind the components assign, in pipeline order."""
    return tuple(kind for c in (components or ordered(COMPONENTS)) for kind in c.assigns)


def _refs(value: str) -> list[str]:
    return [part.strip() for part in str(value or "").split(",") if part.strip()]


__all__ = ["COMPONENTS", "default_components", "record_kinds"]
