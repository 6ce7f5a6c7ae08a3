"""An incremental build is byte for byte a cold build of the same content (tests/edits.py).

The short run of the proof: a generated site of 24 items per language, every kind of edit at least
once, a few at a time, each batch followed by an incremental build (same output folder, same caches),
which every other batch must equal a cold build (new output folder, new caches). Today's build_site
rebuilds everything, so this holds trivially; it is written for the incremental engine, which must
keep it. The long run is `invoke proof --edits 200 --seed N`.
"""

import pytest
from conftest import tree_digest
from edits import EDITS, Proof, build, header, set_meta

from bilingual.errors import BuildError

SEED = 15


@pytest.fixture
def proof(tmp_path):
    return Proof(tmp_path / "work", SEED)


def test_every_batch_of_edits_then_an_incremental_build_equals_a_cold_build(proof):
    proof.incremental()
    proof.compare()
    # Two cold builds of the same content are identical: without it nothing could be proved (a difference
    # would be the build's own, not the incremental engine's).
    proof.compare(proof.work / "cold" / "output", proof.cold("cold-again"), ("cold", "cold again"))
    batches = 0
    while len(proof.history) < len(EDITS) + 4:
        proof.edit(4)
        proof.incremental()
        batches += 1
        if batches % 2 == 0:  # a cold build every other batch keeps the run near a minute
            proof.compare()
    if batches % 2:
        proof.compare()  # the last batch is always compared
    assert set(proof.applied) == {kind.__name__ for kind in EDITS}, "a kind of edit was never made"
    # What is proved is the linking: batches of items' edits alone must leave most pages to be linked (an
    # engine that rendered everything every time would pass the comparisons and prove nothing)
    assert any(rendered is not None and rendered < pages / 2 for rendered, pages in proof.rendered[1:]), proof.rendered


def test_a_broken_edit_stops_the_build_leaves_the_output_and_the_next_build_still_equals_a_cold_one(proof):
    proof.incremental()
    proof.edit(2)
    proof.incremental()
    before = tree_digest(proof.site.project / "output")
    rel = next(files["en"] for (category, _), files in sorted(proof.site.items().items())
               if category == "publications" and "en" in files)
    good = proof.site.read(rel)
    proof.site.edit(rel, lambda text: set_meta(text, "Type", "not-a-type"))
    assert header(proof.site.read(rel))["Type"] == "not-a-type"
    with pytest.raises(BuildError, match=rf"{rel}:\d+: unknown publication type 'not-a-type'"):
        build(proof.site.settings, proof.site.content, proof.site.project)  # as the incremental build, unwrapped
    assert tree_digest(proof.site.project / "output") == before
    proof.site.write(proof.site.content / rel, good)  # put right, as a person would: saved again
    proof.incremental()
    proof.compare()
