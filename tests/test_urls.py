from storyline.ingest.urls import normalize_url


def test_tracking_parameters_fragments_and_trailing_slash_are_dropped():
    a = normalize_url("HTTPS://News.Example:443/world/story-1/?utm_source=rss&utm_medium=x#top")
    b = normalize_url("https://news.example/world/story-1")
    assert a == b == "https://news.example/world/story-1"


def test_meaningful_query_parameters_are_kept_and_sorted():
    assert normalize_url("http://a.example/p?id=7&page=2&fbclid=zz") == \
        "http://a.example/p?id=7&page=2"
    assert normalize_url("http://a.example/p?page=2&id=7") == normalize_url(
        "http://a.example/p?id=7&page=2")


def test_different_paths_stay_different():
    assert normalize_url("https://a.example/one") != normalize_url("https://a.example/two")


def test_non_default_port_is_kept():
    assert normalize_url("http://a.example:8080/x/") == "http://a.example:8080/x"
