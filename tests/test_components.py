"""Declared components: adding one takes one file, stale components alone are redone, rule
data is data, and the registry loads without spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest
from click.testing import CliRunner

import toy_component
from storyline.analyze import lexicon, registry
from storyline.analyze.component import Component, ComponentError, ordered
from storyline.api import open as open_db
from storyline.cli import main
from storyline.errors import SettingsError
from storyline.models import RecordKind

STORY = ("Harbour crews cheered as the ferry returned to Port Avel!\n\n"
         "Mayor Ana Roe said the crossing would run daily. \"We are back!\" she said.\n")


def _ingest(tmp_path, settings, **changes):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path, settings.with_(**changes)


@pytest.mark.slow
def test_a_component_in_one_file_is_run_stored_printed_and_served(tmp_path, settings):
    path, cfg = _ingest(tmp_path, settings, extra_components="toy_component:COMPONENT")
    with open_db(settings=cfg) as sl:
        [aid] = sl.ingest([str(path)]).article_ids
        [a] = sl.analyze()
        assert [x.sentence for x in a["exclamations"]] == [0, 2]
        assert sl.analysis(aid)["exclamations"] == a["exclamations"]
        tables = {r[0] for r in sl.store.conn.execute("SELECT name FROM sqlite_master")}
        assert "exclamations" in tables
    out = CliRunner().invoke(main, ["article", str(aid), "--db", cfg.db, "--json"],
                             env={"STORYLINE_EXTRA_COMPONENTS": "toy_component:COMPONENT"})
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert [x["sentence"] for x in data["analysis"]["exclamations"]] == [0, 2]
    text = CliRunner().invoke(main, ["article", str(aid), "--db", cfg.db, "--no-text"],
                              env={"STORYLINE_EXTRA_COMPONENTS": "toy_component:COMPONENT"})
    assert "Exclamations:" in text.output


@pytest.mark.slow
def test_only_a_stale_component_and_its_dependents_run_again(tmp_path, settings):
    path, cfg = _ingest(tmp_path, settings)
    calls: list[str] = []

    def counting(components):
        out = []
        for c in components:
            def run(inputs, func=c.func, name=c.name):
                calls.append(name)
                return func(inputs)
            out.append(replace(c, func=run))
        return out

    with open_db(settings=cfg, components=counting(registry.COMPONENTS)) as sl:
        sl.ingest([str(path)])
        sl.analyze()
    assert set(calls) == {c.name for c in registry.COMPONENTS}
    calls.clear()
    bumped = [replace(c, version=c.version + ".1") if c.name == "time_exprs" else c
              for c in registry.COMPONENTS]
    with open_db(settings=cfg, components=counting(bumped)) as sl:
        [a] = sl.analyze()
        assert a.time_exprs and a.quotes, "records of the components not re-run are kept"
        assert sl.analyze() == []
    assert calls == ["time_exprs", "actions"]  # actions requires time_exprs; nothing else ran


@pytest.mark.slow
def test_editing_rule_data_makes_the_components_that_read_it_stale(tmp_path, settings):
    path, cfg = _ingest(tmp_path, settings)
    with open_db(settings=cfg) as sl:
        sl.ingest([str(path)])
        sl.analyze()
    user = tmp_path / "rules"
    user.mkdir()
    (user / "verbs.toml").write_text('cue_verbs = ["proclaim"]\n', encoding="utf-8")
    with open_db(settings=cfg.with_(rule_data=str(user))) as sl:
        assert sl.analyze() == [], "a word the package already lists changes nothing"
    (user / "verbs.toml").write_text('cue_verbs = ["harrumph"]\n', encoding="utf-8")
    with open_db(settings=cfg.with_(rule_data=str(user))) as sl:
        stale = sl.analyzer.stale(sl.store.analysis_fingerprints()[1])
        [a] = sl.analyze()
        assert sl.analyze() == []
    # every component reading verbs.toml, and what requires them; the rest stays
    assert stale == {"entities", "quotes", "actions", "terms"}
    assert a.components["sentences"].status == "analyzed"


def test_user_rule_data_extends_replaces_and_removes_entries(tmp_path):
    (tmp_path / "titles.toml").write_text(
        'replace = ["generic_heads"]\ngeneric_heads = ["boss"]\n'
        'portfolios = ["fisheries"]\n[remove]\ntop_titles = ["King"]\n'
        '[titles]\n"harbour master" = "Harbour Master"\n', encoding="utf-8")
    (tmp_path / "mine.toml").write_text('ferry_words = ["ferry", "crossing"]\n',
                                        encoding="utf-8")
    base, lex = lexicon.load(None), lexicon.load(str(tmp_path))
    assert lex.entries["generic_heads"] == frozenset({"boss"})
    assert lex.entries["portfolios"] == base.entries["portfolios"] | {"fisheries"}
    assert "King" in base.entries["top_titles"] and "King" not in lex.entries["top_titles"]
    assert lex.entries["titles"]["harbour master"] == "Harbour Master"
    assert lex.entries["titles"]["president"] == "President"
    assert lex.entries["ferry_words"] == frozenset({"ferry", "crossing"})
    assert lex.version(["titles"]) != base.version(["titles"])
    assert lex.version(["names"]) == base.version(["names"])


def test_rule_data_entries_are_used_while_a_user_folder_is_active(tmp_path):
    from storyline.settings import Settings

    (tmp_path / "places.toml").write_text('[countries]\n"valdoria" = "VD"\n', encoding="utf-8")
    assert lexicon.country_code("Valdoria") is None
    with lexicon.active(Settings(rule_data=str(tmp_path))):
        assert lexicon.country_code("Valdoria") == "VD"
    assert lexicon.country_code("Valdoria") is None


def test_bad_rule_data_is_reported_with_the_file_and_what_to_do(tmp_path):
    (tmp_path / "names.toml").write_text("honorifics = [1, 2]\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="names.toml.*list of strings"):
        lexicon.load(str(tmp_path))
    with pytest.raises(SettingsError, match="does not exist"):
        lexicon.load(str(tmp_path / "nowhere"))


def test_component_declarations_are_checked():
    kind = RecordKind("things", toy_component.Exclamation)
    one = Component("a", "1", lambda i: {}, assigns=(kind,))
    with pytest.raises(ComponentError, match="requires 'missing'"):
        ordered([Component("b", "1", lambda i: {}, requires=("missing",))])
    with pytest.raises(ComponentError, match="assigned by both"):
        ordered([one, Component("b", "1", lambda i: {}, assigns=(kind,))])
    with pytest.raises(ComponentError, match="cycle"):
        ordered([Component("a", "1", lambda i: {}, requires=("b",)),
                 Component("b", "1", lambda i: {}, requires=("a",))])
    late = Component("z", "1", lambda i: {}, requires=("a",))
    assert [c.name for c in ordered([late, one])] == ["a", "z"]


def test_registry_and_stored_reads_load_without_spacy():
    code = ("import sys\nfrom storyline.analyze import registry\nimport storyline.cli\n"
            "assert 'spacy' not in sys.modules, 'spacy was imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_article_json_of_stored_data_does_not_load_spacy(tmp_path, settings):
    path, cfg = _ingest(tmp_path, settings)
    with open_db(settings=cfg) as sl:
        [aid] = sl.ingest([str(path)]).article_ids
        sl.analyze()
    code = ("import sys\nfrom storyline.cli import main\n"
            f"try:\n    main(['article', '{aid}', '--db', {cfg.db!r}, '--json'])\n"
            "except SystemExit as e:\n    assert e.code == 0\n"
            "assert 'spacy' not in sys.modules, 'spacy was imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
