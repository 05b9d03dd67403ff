import pytest

from storyline.errors import StorylineError
from storyline.ingest import ruledata


def test_shipped_rule_files_load_with_a_version_and_case_folded_words():
    rules = ruledata.load("metadata")
    assert rules.version
    assert "archives" in rules["section_words"]
    assert all(w == w.casefold() for w in rules["section_words"])


def test_a_folder_of_user_files_extends_the_shipped_lists(tmp_path):
    (tmp_path / "metadata.toml").write_text(
        'version = "local-1"\n[section_words]\nwords = ["Harbour Watch"]\n', encoding="utf-8")
    rules = ruledata.load("metadata", (str(tmp_path),))
    assert "harbour watch" in rules["section_words"]
    assert "archives" in rules["section_words"]
    assert rules.version.endswith("+local-1")


@pytest.mark.parametrize("content, says", [
    ("[section_words]\nwords = ['a']\n", "version"),
    ('version = "1"\n[section_words]\nwords = "a"\n', "list of strings"),
    ('version = "1"\n[section_words\n', "not valid TOML"),
])
def test_a_broken_user_file_names_itself_and_what_to_fix(tmp_path, content, says):
    (tmp_path / "metadata.toml").write_text(content, encoding="utf-8")
    with pytest.raises(StorylineError, match=says):
        ruledata.load("metadata", (str(tmp_path),))


def test_asking_for_a_missing_list_says_which_file_to_edit():
    with pytest.raises(StorylineError, match="metadata.toml"):
        ruledata.load("metadata")["no_such_list"]


def test_the_rule_data_setting_extends_ingest_lists_and_analysis_ignores_their_files(
        tmp_path, settings):
    from storyline.api import open as open_db
    from storyline.ingest import chrome

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "chrome.toml").write_text(
        'version = "desk-1"\n[tool_words]\nwords = ["harbourcast"]\n', encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Ferry Talks Resume\n\nThe Northvale harbour board reopened talks with the "
                     "ferry company on Tuesday, and a vote on fares is expected next week.\n\n"
                     "Harbourcast\n\nCouncillor Mira Thorne said the crossing would open next "
                     "spring if both sides agree on the fares.\n", encoding="utf-8")
    try:
        with open_db(settings=settings.with_(rule_data=str(rules),
                                             process_on_ingest=False)) as sl:
            [aid] = sl.ingest([str(story)]).article_ids
            assert "Harbourcast" not in sl.store.article(aid).text
            assert ruledata.load("chrome").version.endswith("+desk-1")
            sl.analyze([aid])  # the ingest file in the folder is not read as analysis data
            assert sl.store.analysis(aid) is not None
    finally:
        ruledata.use(None)
    assert "harbourcast" not in chrome._chrome_rules()["tool_words"]
