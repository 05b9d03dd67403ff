"""Analyze: per-article NLP as declared components (sentences, entities with roles and
coreference, quotes, time expressions, actions, terms), each record with its spans.

A component is a :class:`Component` around a function of :class:`Inputs`; the registry
(:mod:`.registry`) lists them, :class:`~.pipeline.Analyzer` runs them. Importing this package
does not load spaCy.
"""

from .component import Component, ComponentError, Inputs

__all__ = ["Component", "ComponentError", "Inputs"]
