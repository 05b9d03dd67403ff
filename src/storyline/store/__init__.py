"""Store: the only code that touches the database."""

from .db import Store

__all__ = ["Store"]
