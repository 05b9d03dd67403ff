import storyline


def test_all_is_sorted_and_every_name_exists():
    assert storyline.__all__ == sorted(storyline.__all__)
    for name in storyline.__all__:
        assert hasattr(storyline, name), name
