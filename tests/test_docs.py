"""Every CLI command and every setting is documented (README or docs/)."""

from pathlib import Path

from storyline.cli import main
from storyline.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]


def _docs() -> str:
    parts = [ROOT.joinpath("README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(parts)


def test_every_cli_command_has_a_documented_example():
    docs = _docs()
    for name in main.commands:
        assert f"storyline {name}" in docs, f"`storyline {name}` is not documented"


def test_every_setting_is_documented():
    docs = _docs()
    for s in SETTINGS:
        assert s.name in docs, f"setting {s.name} is not documented"


def test_readme_starts_with_the_two_setup_commands():
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make run" in head and "make test" in head
