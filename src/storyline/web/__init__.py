"""The web app and JSON API (``storyline serve``): server-rendered pages and ``/api/…`` over
the same library calls as the CLI, with reader reactions. Needs the ``fastapi``, ``jinja2``
and ``uvicorn`` packages (dependencies of storyline)."""

from .app import create_app

__all__ = ["create_app"]
