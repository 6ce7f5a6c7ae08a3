"""The incremental build's parts (plugins/incremental/): what is rendered again, what is linked, what a
record may be, and that the live output is never written into. The proof that a rebuild equals a cold
build, on random edits, is tests/test_incremental.py."""

import logging
import os
import pickle

import pytest
from conftest import SETTINGS, TinySite, tree_digest
from edits import pdf, picture
from test_charts_site import ABOUT, CODES, DATASET, REPORT

from bilingual import build as build_module
from incremental.digest import Digests, Unknowable
from charts.store import DataStore
from incremental.record import FORMAT, record_path
from incremental.record import load as load_record

ITEMS = {
    "publications/report.ar.md": "Title: تقرير\nDate: 2023-02-20\nType: report\nSummary: تقرير.\n\nنص التقرير.\n",
    "publications/report.en.md": "Title: A report\nDate: 2023-02-20\nType: report\nSummary: A report.\n\nReport text.\n",
    "news/statement.ar.md": "Title: بيان\nDate: 2023-03-01\nSummary: بيان.\n\nنص البيان.\n",
    "news/statement.en.md": "Title: A statement\nDate: 2023-03-01\nSummary: A statement.\n\nStatement text.\n",
}


class Site(TinySite):
    """A tiny site built as `invoke build` builds: content cache and record on."""

    def __init__(self, root):
        super().__init__(root)
        self.write(ITEMS)
        self.cache = self.root / "cache"

    def build(self, strict=False, **overrides):
        return super().build(strict, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, CACHE_PATH=str(self.cache),
                             **overrides)

    def edit(self, rel, old, new):
        path = self.content / rel
        before = path.stat().st_mtime_ns
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        os.utime(path, ns=(before + 10**9, before + 10**9))  # a later save, even within one clock tick

    def inodes(self):
        return {p.relative_to(self.output).as_posix(): p.stat().st_ino for p in self.output.rglob("*") if p.is_file()}

    def cold(self, tmp_path):
        """A cold build of the same content, elsewhere: no output, no cache, no record."""
        other = TinySite(tmp_path / "cold")
        other.content = self.content
        other.build()
        return tree_digest(other.output)


@pytest.fixture
def site(tmp_path):
    yield (built := Site(tmp_path / "site"))
    record_path(SETTINGS, built.output).unlink(missing_ok=True)


def rendered(caplog):
    """{lang: pages rendered} from the build's log."""
    found = {}
    for record in caplog.records:
        if record.name == "incremental.renders" and "pages:" in record.getMessage():
            lang, rest = record.getMessage().split(" pages: ", 1)
            found[lang] = int(rest.split(" rendered", 1)[0])
    return found


def test_a_body_edit_renders_its_page_and_the_listings_that_show_it_and_links_the_rest(site, tmp_path, caplog):
    first = site.build()
    before = {rel: (site.output / rel).read_bytes() for rel in site.inodes() if rel.endswith(".html")}
    # no last build: every page rendered is new (the staff report pages are not rendered by a generator)
    assert len(first.pages_changed) == first.pages_rendered and set(first.pages_changed) < set(before)
    assert TinySite.build(site).pages_changed is None  # no record kept (no content cache): not known
    site.build()
    site.edit("news/statement.en.md", "Statement text.", "Statement text, with one sentence more.")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="incremental"):
        report = site.build()
    # the pages rendered to other bytes (what `invoke serve` reloads open pages for), out of those rendered
    assert report.pages_changed == sorted(rel for rel, data in before.items() if (site.output / rel).read_bytes() != data)
    assert "en/news/statement/index.html" in report.pages_changed and report.pages_rendered >= len(report.pages_changed)
    site.edit("news/statement.en.md", "Statement text, with one sentence more.", "Statement text.")
    site.build()
    before = site.inodes()
    site.edit("news/statement.en.md", "Statement text.", "Statement text, with one sentence more.")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="incremental"):
        site.build()
    after = site.inodes()
    changed = sorted(rel for rel, inode in after.items() if before.get(rel) != inode and rel.endswith(".html"))
    assert "en/news/statement/index.html" in changed
    assert "news/statement/index.html" not in changed  # the Arabic page shows nothing of the English text
    assert "en/publications/report/index.html" not in changed
    assert rendered(caplog)["ar"] == 0 and 0 < rendered(caplog)["en"] < len([r for r in after if r.endswith(".html")])
    assert tree_digest(site.output) == site.cold(tmp_path)


def test_a_title_edit_reaches_the_translation_and_every_listing(site, tmp_path):
    site.build()
    site.edit("news/statement.en.md", "Title: A statement", "Title: A new statement")
    site.build()
    assert "A new statement" in site.read("en/news/statement/index.html")
    assert "A new statement" in site.read("en/index.html")
    assert tree_digest(site.output) == site.cold(tmp_path)


def test_a_new_translation_changes_the_switcher_of_the_page_it_translates(site, tmp_path):
    site.write({"news/visit.ar.md": "Title: زيارة\nDate: 2023-04-01\nSummary: زيارة.\n\nنص.\n"})
    site.build()
    assert "en/news/visit/" not in site.read("news/visit/index.html")
    site.write({"news/visit.en.md": "Title: A visit\nDate: 2023-04-01\nSummary: A visit.\n\nText.\n"})
    site.build()
    assert "en/news/visit/" in site.read("news/visit/index.html")
    assert tree_digest(site.output) == site.cold(tmp_path)


def pages_changed(before, after):
    """The pages given a new file between two builds (the staff reports, written every time, aside)."""
    return sorted(rel for rel, inode in after.items()
                  if before.get(rel) != inode and rel.endswith(".html") and not rel.startswith("_reports/"))


def test_a_dataset_edit_renders_only_the_pages_that_show_it(site, tmp_path):
    q2 = DATASET.replace("id: q1", "id: q2")
    site.write({"data/violation-codes.yaml": CODES, "data/violations/q1.yaml": DATASET,
                "data/violations/q2.yaml": q2, **REPORT, **ABOUT})
    site.build()
    record = load_record(record_path(SETTINGS, site.output), site.output)
    q1 = str((site.content / "data/violations/q1.yaml").resolve())
    assert record.entries["en/publications/q1-report/index.html"].files == (q1,)  # the dataset its charts read
    assert record.entries["en/news/statement/index.html"].files == ()
    before = site.inodes()
    site.edit("data/violations/q2.yaml", "status: restored, count: 1000}", "status: restored, count: 2000}")
    report = site.build()
    after = site.inodes()
    changed = pages_changed(before, after)
    # no page shows q2's charts; the dashboard lists both datasets (its pages, /data/ and /data/2023/)
    assert changed == ["data/2023/index.html", "data/index.html", "en/data/2023/index.html", "en/data/index.html"]
    assert report.pages_rendered == 4
    site.edit("data/violations/q1.yaml", "status: restored, count: 1000}", "status: restored, count: 2000}")
    site.build()
    changed = pages_changed(after, site.inodes())
    assert changed == ["data/2023/index.html", "data/index.html", "en/data/2023/index.html", "en/data/index.html",
                       "en/publications/q1-report/index.html", "publications/q1-report/index.html"]
    assert "<td>2,003</td>" in site.read("en/publications/q1-report/index.html")
    assert tree_digest(site.output) == site.cold(tmp_path)


def test_a_data_file_saved_again_while_a_build_read_it_is_read_again_next_time(site, tmp_path):
    site.write({"data/violation-codes.yaml": CODES, "data/violations/q1.yaml": DATASET, **REPORT, **ABOUT})
    site.build()
    saved = DATASET.replace("status: restored, count: 1000}", "status: restored, count: 2000}")
    original = DataStore.read

    def read_then_saved(store, dataset_id):  # the file changes after the build read it
        dataset = original(store, dataset_id)
        site.write({"data/violations/q1.yaml": saved})
        return dataset

    site.edit("data/violations/q1.yaml", "count: 1000}", "count: 1500}")
    DataStore.read = read_then_saved
    try:
        site.build()
    finally:
        DataStore.read = original
    site.build()  # the page's key holds the bytes it was drawn from, not those on disk now: drawn again
    assert "<td>2,003</td>" in site.read("en/publications/q1-report/index.html")
    assert tree_digest(site.output) == site.cold(tmp_path)


def test_an_image_or_a_pdf_is_an_input_of_the_pages_that_show_it_only(site, tmp_path):
    site.write({"images/cover.png": picture(1, "PNG"), "images/photo.jpg": picture(2, "JPEG"),
                "pdfs/report.en.pdf": pdf(1),
                "publications/report.en.md": ITEMS["publications/report.en.md"].replace(
                    "Summary:", "Cover: images/cover.png\nPDF: pdfs/report.en.pdf\nSummary:")})
    site.build()
    before = site.inodes()
    # files no page shows yet (a report's PDF and cover, added before its Markdown): no page is rendered
    site.write({"images/new-cover.jpg": picture(3, "JPEG"), "pdfs/new-report.en.pdf": pdf(2)})
    report = site.build()
    after = site.inodes()
    assert report.pages_rendered == 0 and pages_changed(before, after) == []
    assert "images/new-cover.jpg" in after and "pdfs/new-report.en.pdf" in after
    # an image no page shows, saved again: still nothing
    site.write({"images/photo.jpg": picture(4, "JPEG")})
    assert site.build().pages_rendered == 0
    # the cover saved again: its item's page (new variants, a new card) and nothing else
    site.write({"images/cover.png": picture(5, "PNG")})
    report = site.build()
    assert pages_changed(after, site.inodes()) == ["en/publications/report/index.html"]
    assert report.pages_rendered == 1
    # the PDF saved again, with another size: the pages that show the item (the size is on the item)
    after = site.inodes()
    site.write({"pdfs/report.en.pdf": pdf(3) + b"% corrected\n" * 400})
    site.build()
    assert "en/publications/report/index.html" in pages_changed(after, site.inodes())
    assert "en/news/statement/index.html" not in pages_changed(after, site.inodes())
    assert tree_digest(site.output) == site.cold(tmp_path)


CAMPAIGN = {
    "campaigns/one/campaign.yaml": "title: {ar: واحدة, en: One}\ndescription: {ar: وصف., en: About.}\n"
                                   "status: active\nstart: 2023-01-01\nfigures:\n  - {value: 119, label: {ar: رقم, en: a figure}}\n",
    "campaigns/one/index.ar.md": "Title: واحدة\n\nنص.\n",
    "campaigns/one/index.en.md": "Title: One\n\nText.\n",
}


def test_a_campaign_yaml_edit_renders_the_pages_that_show_the_campaign(site, tmp_path):
    site.write(CAMPAIGN)
    site.build()
    before = site.inodes()
    site.edit("campaigns/one/campaign.yaml", "value: 119", "value: 120")  # a figure on the campaign's home
    site.build()
    after = site.inodes()
    # the campaign's pages, and the campaigns' listing, which looks at every campaign
    assert pages_changed(before, after) == ["campaigns/index.html", "campaigns/one/index.html",
                                            "en/campaigns/index.html", "en/campaigns/one/index.html"]
    assert "120" in site.read("en/campaigns/one/index.html")
    site.edit("campaigns/one/campaign.yaml", "en: One}", "en: The first one}")  # its name: the listing, the search
    site.build()
    changed = pages_changed(after, site.inodes())
    assert {"en/campaigns/one/index.html", "en/campaigns/index.html"} <= set(changed)
    assert "en/news/statement/index.html" not in changed and "news/statement/index.html" not in changed
    assert "The first one" in site.read("en/campaigns/index.html")
    assert tree_digest(site.output) == site.cold(tmp_path)


def test_nothing_changed_touches_nothing_and_gives_the_same_report(site):
    first = site.build()
    before, folder = site.inodes(), site.output.stat().st_ino
    again = site.build()
    assert again.pages_rendered == 0 and again.pages_changed == []
    assert site.inodes() == before and site.output.stat().st_ino == folder
    assert again.translations == first.translations and again.addresses == first.addresses


def test_a_file_changed_by_hand_in_the_output_is_made_again(site, tmp_path):
    site.build()
    page = site.output / "en/news/statement/index.html"
    page.write_text("tampered", encoding="utf-8")
    site.build()  # the record no longer describes output/: no shortcut, and that page is rendered again
    assert "Statement text." in site.read("en/news/statement/index.html")
    assert tree_digest(site.output) == site.cold(tmp_path)


def test_the_last_output_is_never_written_into(site):
    """Unchanged files are hard links to the last output's; a rebuild writes new files only, so every file
    the last build left keeps its bytes (a killed rebuild leaves output/ whole)."""
    site.build()
    kept = {rel: (site.output / rel).read_bytes() for rel in site.inodes()}
    handles = {rel: os.open(site.output / rel, os.O_RDONLY) for rel in kept}  # the old files themselves
    try:
        site.edit("publications/report.en.md", "Report text.", "Report text, longer now.")
        site.write({"news/new.en.md": "Title: New\nDate: 2023-05-01\nSummary: New.\n\nNew text.\n"})
        site.build()
        for rel, handle in handles.items():
            os.lseek(handle, 0, os.SEEK_SET)
            assert os.read(handle, len(kept[rel]) + 1) == kept[rel], rel
    finally:
        for handle in handles.values():
            os.close(handle)


def test_an_unreadable_or_foreign_record_means_a_cold_build(site, tmp_path):
    site.build()
    where = record_path(SETTINGS, site.output)
    where.write_bytes(b"not a pickle")
    site.edit("news/statement.en.md", "Statement text.", "Statement text again.")
    site.build()
    assert tree_digest(site.output) == site.cold(tmp_path)
    with open(where, "rb") as handle:
        version, record = pickle.load(handle)
    record.output = str(tmp_path / "elsewhere")  # a record of another output folder is not this one's
    with open(where, "wb") as handle:
        pickle.dump((FORMAT, record), handle)
    site.edit("news/statement.en.md", "Statement text again.", "Statement text once more.")
    site.build()
    assert tree_digest(site.output) == site.cold(tmp_path)


def test_a_build_that_fails_after_the_record_is_gone_leaves_output_and_a_cold_next_build(site, tmp_path, monkeypatch):
    site.build()
    before = tree_digest(site.output)
    site.edit("news/statement.en.md", "Statement text.", "Statement text, edited.")

    def killed(staging, output):
        raise KeyboardInterrupt  # as if the build were stopped between dropping the record and the swap

    monkeypatch.setattr(build_module, "swap_into_place", killed)
    with pytest.raises(KeyboardInterrupt):
        site.build()
    monkeypatch.undo()
    assert tree_digest(site.output) == before
    assert not record_path(SETTINGS, site.output).exists()
    site.build()
    assert tree_digest(site.output) == site.cold(tmp_path)


def test_a_value_of_an_unknown_kind_cannot_be_hashed():
    class Opaque:
        pass

    with pytest.raises(Unknowable):
        Digests().of({"a": [Opaque()]})
    digests = Digests()
    assert digests.of({"a": (1, "x")}) == Digests().of({"a": (1, "x")}) != digests.of({"a": (1, "y")})
