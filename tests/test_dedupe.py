from hypothesis import given
from hypothesis import strategies as st

from samples import FOG_STORY, HARBOR_STORY
from storyline.ingest import dedupe


def test_content_hash_ignores_case_punctuation_and_spacing():
    assert dedupe.content_hash("Hello,  world!\n\nAgain.") == dedupe.content_hash("hello world again")
    assert dedupe.content_hash("Hello world") != dedupe.content_hash("Hello there world")


def test_trimmed_copy_is_found_as_near_duplicate_and_other_story_is_not():
    body = HARBOR_STORY.split("\n", 2)[2]
    trimmed = "\n\n".join(p for p in body.split("\n\n") if "Traders" not in p)
    stored = {1: body, 2: FOG_STORY}
    prints = {i: dedupe.fingerprint(t, 128) for i, t in stored.items()}
    candidates = {i: (fp.size, fp.signature) for i, fp in prints.items()}

    def load(ids):
        return {i: stored[i] for i in ids}

    match = dedupe.best_match(dedupe.fingerprint(trimmed, 128), candidates, load, 0.8)
    assert match is not None and match[0] == 1 and match[1] >= 0.8
    other = "Completely different words about a chess tournament in a mountain village " * 3
    assert dedupe.best_match(dedupe.fingerprint(other, 128), candidates, load, 0.8) is None


def test_containment_is_used_only_for_bodies_long_enough():
    assert dedupe.similarity(0.5, 100, 50) == 1.0  # the 50 are all inside the 100
    assert dedupe.similarity(0.5, 30, 15) == 0.5  # too short to trust containment


def test_signature_survives_a_round_trip_through_bytes():
    values, _ = dedupe.minhash(HARBOR_STORY, 64)
    back = dedupe.from_signature(dedupe.signature_bytes(values))
    assert dedupe.estimated_jaccard(back, values) == 1.0 and len(back) == 64


def test_minhash_estimates_jaccard_and_is_the_same_on_every_run():
    words = [f"w{i}" for i in range(400)]
    a, b = " ".join(words[:300]), " ".join(words[100:])  # 196 common of 396 shingles: J ≈ 0.49
    sig_a, _ = dedupe.minhash(a, 256)
    sig_b, _ = dedupe.minhash(b, 256)
    assert abs(dedupe.estimated_jaccard(sig_a, sig_b) - 196 / 396) < 0.1
    assert dedupe.signature_bytes(dedupe.minhash(a, 256)[0]) == dedupe.signature_bytes(sig_a)
    assert dedupe.estimated_jaccard(sig_a, dedupe.minhash(FOG_STORY, 256)[0]) < 0.05


@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=8), min_size=1, max_size=30))
def test_content_hash_ignores_layout_but_not_words(words):
    plain = " ".join(words)
    laid_out = "\n\n".join(w.upper() + "," for w in words)
    assert dedupe.content_hash(plain) == dedupe.content_hash(laid_out)
    assert dedupe.content_hash(plain) != dedupe.content_hash(plain + " extra")
