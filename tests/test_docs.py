"""Every CLI command, eval task and setting is documented where a reader looks for it."""

import re
from pathlib import Path

from storyline.cli import main
from storyline.eval import TASKS
from storyline.settings import SETTINGS, settings_table

ROOT = Path(__file__).resolve().parents[1]


def _docs() -> str:
    parts = [ROOT.joinpath("README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(parts)


def _examples() -> set[str]:
    """The ``storyline …`` command lines shown as console examples (``$ storyline …``)."""
    return {m.group(1) for m in re.finditer(r"^\$ (?:\S+=\S+ )*(storyline [^\n]*)$", _docs(),
                                            re.M)}


def test_every_cli_command_has_a_console_example():
    examples = _examples()
    for name in main.commands:
        assert any(e.split()[1] == name for e in examples), (
            f"no `$ storyline {name} …` example in README.md or docs/")


def test_every_eval_task_has_a_console_example():
    examples = _examples()
    for task in TASKS:
        assert any(e.startswith(f"storyline eval {task} ") for e in examples), (
            f"no `$ storyline eval {task} …` example in README.md or docs/")


def test_settings_page_shows_exactly_the_settings_table():
    page = ROOT.joinpath("docs", "settings.md").read_text(encoding="utf-8")
    assert settings_table() in page, ("docs/settings.md is out of date: paste the output of "
                                      "`storyline settings --markdown`")
    for s in SETTINGS:
        assert page.count(f"| `{s.name}` |") == 1, s.name


def test_readme_starts_with_the_two_setup_commands():
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make run" in head and "make test" in head
