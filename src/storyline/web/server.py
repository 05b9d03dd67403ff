"""``storyline serve``: the app under uvicorn, bound to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

from collections.abc import Callable
from ipaddress import ip_address

from ..settings import Settings


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000,
          announce: Callable[[str], None] = print, log_level: str = "warning") -> None:
    """Serve the database ``settings.db`` until interrupted (Ctrl+C)."""
    import uvicorn

    from .app import create_app

    app = create_app(settings)  # a bad --db stops here with one line, before binding
    shown = f"[{host}]" if ":" in host else host
    mode = " read-only," if settings.read_only else ""
    announce(f"Serving {settings.db}{mode} at http://{shown}:{port}/ (Ctrl+C stops)")
    if not is_loopback(host):
        announce(f"note: listening on {host}, not only on this machine: anyone who can reach "
                 "it can read the database and react")
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, access_log=False,
                            server_header=False, proxy_headers=False)
    uvicorn.Server(config).run()
