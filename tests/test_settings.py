import pytest

from storyline.errors import SettingsError
from storyline.settings import SETTINGS, Settings, load_settings


def test_every_setting_in_the_table_is_a_field_with_the_same_default():
    defaults = Settings()
    for s in SETTINGS:
        assert getattr(defaults, s.name) == s.default


def test_precedence_is_defaults_then_file_then_environment_then_flags(tmp_path):
    cfg = tmp_path / "s.toml"
    cfg.write_text("near_duplicate_threshold = 0.6\nmax_bytes = 100\nfetch_timeout = 5\n")
    env = {"STORYLINE_MAX_BYTES": "200", "STORYLINE_FETCH_TIMEOUT": "7"}
    s = load_settings(cfg, env=env, fetch_timeout=9.0)
    assert s.near_duplicate_threshold == 0.6
    assert s.max_bytes == 200
    assert s.fetch_timeout == 9.0
    assert s.minhash_perm == Settings().minhash_perm


def test_bad_values_and_unknown_names_are_reported_with_the_setting_name(tmp_path):
    with pytest.raises(SettingsError, match="max_bytes"):
        load_settings(None, env={"STORYLINE_MAX_BYTES": "lots"})
    cfg = tmp_path / "s.toml"
    cfg.write_text("no_such_setting = 1\n")
    with pytest.raises(SettingsError, match="unknown setting"):
        load_settings(cfg, env={})


def test_boolean_settings_accept_words():
    assert load_settings(None, env={"STORYLINE_ALLOW_PRIVATE_URLS": "yes"}).allow_private_urls
