"""Link: one canonical entity per real-world actor across articles (:class:`.linker.Linker`),
with names compared as :mod:`.names` describes."""

from .linker import LINK_VERSION, Linker, LinkReport

__all__ = ["LINK_VERSION", "LinkReport", "Linker"]
