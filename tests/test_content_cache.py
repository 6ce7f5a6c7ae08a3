"""Warm builds (Pelican's content cache, keyed by bilingual/cache.py): same output, nothing stale, errors still stop."""

import re

import pytest
from conftest import TinySite, tree_digest
from test_charts_site import ABOUT, CODES, DATASET, REPORT

from bilingual.errors import BuildError
from bilingual.reader import CheckedMarkdownReader

NEWS = {
    "news/launch.ar.md": "Title: إطلاق\nDate: 2023-02-20\nTopics: privacy\nSummary: خبر.\n\nنص الخبر الأول.\n",
    "news/launch.en.md": "Title: Launch\nDate: 2023-02-20\nTopics: privacy\nSummary: News.\n\nThe first text.\n",
}


class CachedSite(TinySite):
    """A tiny site built with the content cache on, as `invoke build` does."""

    def build(self, strict=False, **overrides):
        cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(self.root / "cache")}
        return super().build(strict, **cache, **overrides)

    def fingerprints(self):
        return sorted(p.name for p in (self.root / "cache").iterdir())


@pytest.fixture
def reads(monkeypatch):
    """The Markdown files our reader actually parsed (a cache hit never reaches it)."""
    monkeypatch.setenv("SITE_BUILD_SERIAL", "1")  # every language in this process, where the count is kept
    parsed = []
    original = CheckedMarkdownReader.read

    def counting(self, source_path):
        parsed.append(source_path.rsplit("/", 2)[-2] + "/" + source_path.rsplit("/", 1)[-1])
        return original(self, source_path)

    monkeypatch.setattr(CheckedMarkdownReader, "read", counting)
    return parsed


def charted(tmp_path):
    return CachedSite(tmp_path).write({"data/violation-codes.yaml": CODES, "data/violations/q1.yaml": DATASET,
                                       **REPORT, **ABOUT, **NEWS})


def test_a_warm_build_is_byte_identical_to_a_cold_one_and_reads_nothing(tmp_path, reads):
    site = charted(tmp_path / "cached")
    site.build()
    cold = tree_digest(site.output)
    assert len(reads) == 6
    reads.clear()
    site.build()
    assert reads == [], "an unchanged file was parsed again"
    assert tree_digest(site.output) == cold
    uncached = charted(tmp_path / "plain")
    TinySite.build(uncached)  # no cache at all
    assert tree_digest(uncached.output) == cold


def test_a_changed_item_is_read_again_and_its_change_shows(tmp_path, reads):
    site = charted(tmp_path)
    site.build()
    reads.clear()
    site.write({"news/launch.en.md": NEWS["news/launch.en.md"].replace("The first text.", "A corrected text.")})
    site.build()
    assert reads == ["news/launch.en.md"]
    assert "A corrected text." in site.read("en/news/launch/index.html")
    assert "The first text." not in site.read("en/news/launch/index.html")


def test_a_changed_dataset_redraws_the_charts_without_reading_any_item_again(tmp_path, reads):
    # The reader never reads a dataset (bilingual/cache.py): the chart lines are checked and drawn after it,
    # on every build, so the observatory's data edits keep the cache.
    site = charted(tmp_path / "cached")
    site.build()
    before = site.fingerprints()
    assert "<td>1,003</td>" in site.read("en/publications/q1-report/index.html")
    reads.clear()
    changed = DATASET.replace("status: restored, count: 1000}", "status: restored, count: 2000}")
    site.write({"data/violations/q1.yaml": changed})
    site.build()
    assert reads == [] and site.fingerprints() == before
    html = site.read("en/publications/q1-report/index.html")
    assert "<td>2,003</td>" in html and "<td>1,003</td>" not in html
    cold = charted(tmp_path / "cold").write({"data/violations/q1.yaml": changed})
    TinySite.build(cold)
    assert tree_digest(site.output) == tree_digest(cold.output)
    # a chart line naming a dataset that is gone still stops the build, at the item's line, with the cache on
    (site.content / "data/violations/q1.yaml").unlink()
    with pytest.raises(BuildError) as stopped:
        site.build()
    assert "publications/q1-report.en.md:" in str(stopped.value) and "q1" in str(stopped.value)


def test_a_changed_campaign_file_reads_no_item_again(tmp_path, reads):
    campaign = {"campaigns/one/campaign.yaml": "title: {ar: واحدة, en: One}\ndescription: {ar: وصف., en: About.}\n"
                                               "status: active\nstart: 2023-01-01\n",
                "campaigns/one/index.en.md": "Title: One\n\nText.\n", "campaigns/one/index.ar.md": "Title: واحدة\n\nنص.\n"}
    site = charted(tmp_path / "cached").write(campaign)
    site.build()
    before = site.fingerprints()
    reads.clear()
    changed = campaign["campaigns/one/campaign.yaml"].replace("en: One}", "en: The first one}")
    site.write({"campaigns/one/campaign.yaml": changed})
    site.build()
    assert reads == [] and site.fingerprints() == before
    assert "The first one" in site.read("en/campaigns/index.html")
    cold = charted(tmp_path / "cold").write({**campaign, "campaigns/one/campaign.yaml": changed})
    TinySite.build(cold)
    assert tree_digest(site.output) == tree_digest(cold.output)


@pytest.mark.parametrize("change", [
    {"data/topics.yaml": "privacy:\n  ar: الخصوصية\n  en: Data privacy\n"},  # a vocabulary
    {"settings": {"SITENAME": "7amleh test"}},  # a setting
])
def test_other_inputs_change_the_fingerprint(tmp_path, change):
    site = charted(tmp_path)
    site.build()
    settings = change.pop("settings", {})
    site.write(change)
    site.build(**settings)
    assert len(site.fingerprints()) == 2


def test_the_fingerprint_is_stable_across_builds_and_old_ones_are_pruned(tmp_path):
    site = charted(tmp_path)
    site.build()
    site.build(SITENAME="b")
    site.build(SITENAME="c")
    site.build(SITENAME="d")
    assert len(site.fingerprints()) == 3  # the newest three
    first = site.fingerprints()
    site.build(SITENAME="d")
    assert site.fingerprints() == first


def test_a_broken_item_in_a_warm_build_still_stops_it_with_file_and_line(tmp_path):
    site = charted(tmp_path)
    site.build()
    before = tree_digest(site.output)
    site.write({"news/launch.en.md": NEWS["news/launch.en.md"].replace("Date: 2023-02-20", "Date: 2023-02-30")})
    with pytest.raises(BuildError, match=re.escape("news/launch.en.md:2: '2023-02-30' is not a date")):
        site.build()
    assert tree_digest(site.output) == before


def test_an_unchanged_item_made_wrong_by_another_file_still_stops_a_warm_build(tmp_path):
    site = charted(tmp_path)
    site.build()
    site.write({"data/topics.yaml": "surveillance:\n  ar: المراقبة\n  en: Surveillance\n"})  # privacy is gone
    with pytest.raises(BuildError, match=r"news/launch\.(ar|en)\.md:3: .*privacy"):
        site.build()
    site.write({"data/topics.yaml": "privacy:\n  ar: الخصوصية\n  en: Privacy\n"})
    site.build()  # and once put right, it builds again from the cache
    (site.content / "data/violations/q1.yaml").unlink()  # the report's charts now name no dataset
    with pytest.raises(BuildError, match=r"publications/q1-report\.(ar|en)\.md:\d+: "):
        site.build()
