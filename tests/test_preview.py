"""`invoke serve`'s first look at a save (bilingual/preview.py, tooling/previewer.py): the saved item's page,
rendered from the site kept in memory, is the page the build then writes, byte for byte; what it cannot show
that way it declines, and hostile content never reaches it."""

import collections
import time

import pytest
from conftest import SETTINGS, TinySite
from test_hostile_content import GOOD, STOPS, WARNED, news

from bilingual.preview import SiteModel, put_in_place
from tasks import cache_overrides
from tooling.previewer import Previewer
from tooling.saveloop import saved_items

SECOND = news("A second item.")  # news/second.en.md, the file the hostile saves replace
DRAFT = {"news/later.ar.md": "Title: لاحقًا\nDate: 2023-02-22\nStatus: draft\nSummary: مسودة.\n\nمسودة.\n"}


class Site(TinySite):
    """A tiny site built as `invoke serve` builds it (content cache on), and a model of it."""

    def __init__(self, root):
        super().__init__(root)
        self.write({**GOOD, **SECOND, **DRAFT})
        self.overrides = cache_overrides(self.root / "cache")
        self.folder = self.root / "preview"
        self.folder.mkdir()

    def build(self, strict=False):
        return super().build(strict, **self.overrides)

    def model(self):
        return SiteModel.load(SETTINGS, self.content, self.overrides, self.folder)

    def edit(self, rel, old, new):
        path = self.content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path


@pytest.fixture
def site(tmp_path):
    built = Site(tmp_path)
    built.build()
    return built


def test_a_saved_items_page_is_the_page_the_build_then_writes(site):
    model = site.model()
    saved = [site.edit("news/first.en.md", "Body.", "Body, and a saved sentence."),
             site.edit("news/first.en.md", "Title: First news", "Title: First news, retitled"),
             site.edit("pages/about.ar.md", "عنّا.", "عنّا، وجملة محفوظة."),
             site.edit("news/later.ar.md", "\n\nمسودة.", "\n\nمسودة محفوظة.")]
    started = time.perf_counter()
    files = model.render(saved)
    took = time.perf_counter() - started
    assert {"en/news/first/index.html", "about/index.html", "drafts/later/index.html"} <= set(files), files
    assert any(rel.startswith("cards/") for rel in files), "the share card the page names is written beside it"
    page = (site.folder / "en/news/first/index.html").read_text(encoding="utf-8")
    assert "a saved sentence" in page and "First news, retitled" in page
    report = site.build()
    for rel in files:
        assert (site.folder / rel).read_bytes() == (site.output / rel).read_bytes(), rel
    assert report.pages_rendered > len(files), "(a retitled item's listings are the build's to render)"
    # The model keeps the saved item: the next save of another file shows the new title where it is listed.
    assert model.find(site.content / "news/first.en.md")[2].title == "First news, retitled"
    print(f"first look at 4 saves: {took * 1000:.0f} ms")


def test_the_model_declines_what_only_a_build_can_show(site):
    model = site.model()
    first = site.content / "news/first.en.md"
    # a new file: not read by the model
    site.write({"news/third.en.md": "Title: Third\nDate: 2023-02-21\nSummary: s\n\nB.\n"})
    assert model.render([site.content / "news/third.en.md"]) is None
    # moved among the others: a new date, a new topic
    site.edit("news/first.en.md", "Date: 2023-02-20", "Date: 2023-02-19")
    assert model.render([first]) is None
    site.edit("news/first.en.md", "Date: 2023-02-19", "Date: 2023-02-20")
    site.edit("news/first.en.md", "Summary: A first item.", "Summary: A first item.\nTopics: privacy")
    assert model.render([first]) is None
    site.edit("news/first.en.md", "\nTopics: privacy", "")
    # a file that does not read cleanly, then fixed: the model still shows the fixed save
    site.edit("news/first.en.md", "Date: 2023-02-20", "Date: 20/2/2023")
    assert model.render([first]) is None
    assert list(site.folder.iterdir()) == []
    site.edit("news/first.en.md", "Date: 20/2/2023", "Date: 2023-02-20")
    site.edit("news/first.en.md", "Body.", "Body, fixed.")
    assert "en/news/first/index.html" in model.render([first])
    # a link Pelican cannot resolve is a problem the build stops on: no first look of it
    site.edit("news/first.en.md", "Body, fixed.", "See [it]({filename}/news/missing.en.md).")
    assert model.render([first]) is None
    # one save it cannot show among others: none is shown
    site.edit("news/first.en.md", "See [it]({filename}/news/missing.en.md).", "Body.")
    assert model.render([first, site.content / "news/third.en.md"]) is None


CAMPAIGN = {
    "campaigns/one/campaign.yaml": "title: {ar: واحدة, en: One}\ndescription: {ar: وصف., en: About.}\n"
                                   "status: active\nstart: 2023-01-01\ncolours: {primary: \"#8c1d40\"}\n"
                                   "menu: [demands]\n",
    "campaigns/one/index.ar.md": "Title: واحدة\n\nنص الحملة.\n",
    "campaigns/one/index.en.md": "Title: One\n\nThe campaign's text.\n",
    "campaigns/one/demands.en.md": "Title: Demands\n\n1. Fairness.\n",
}


def test_a_saved_campaign_page_is_the_page_the_build_then_writes(tmp_path):
    site = Site(tmp_path)
    site.write(CAMPAIGN)
    site.build()
    model = site.model()
    saved = [site.edit("campaigns/one/demands.en.md", "1. Fairness.", "1. Fairness.\n2. A saved demand."),
             site.edit("campaigns/one/demands.en.md", "Title: Demands", "Title: Our demands"),
             site.edit("campaigns/one/index.ar.md", "نص الحملة.", "نص الحملة، وجملة محفوظة.")]
    files = model.render(saved)
    assert {"en/campaigns/one/demands/index.html", "campaigns/one/index.html"} <= set(files), files
    page = (site.folder / "en/campaigns/one/demands/index.html").read_text(encoding="utf-8")
    assert "A saved demand" in page and "Our demands" in page  # in its heading and in the campaign's menu
    site.build()
    for rel in files:
        assert (site.folder / rel).read_bytes() == (site.output / rel).read_bytes(), rel
    # a campaign page made a draft leaves the site: only the build shows that
    site.edit("campaigns/one/demands.en.md", "Title: Our demands", "Title: Our demands\nStatus: draft")
    assert model.render([site.content / "campaigns/one/demands.en.md"]) is None
    # nor a campaign's home page made a draft, which stops the build
    site.edit("campaigns/one/index.en.md", "Title: One", "Title: One\nStatus: draft")
    assert model.render([site.content / "campaigns/one/index.en.md"]) is None


HOSTILE = {name: case for name, case in STOPS.items() if set(case[0]) == {"news/second.en.md"}}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_save_is_never_shown(site, case):
    """Every attack the build stops on, saved into an item the model read: the first look declines it, and
    writes nothing."""
    model = site.model()
    site.write(HOSTILE[case][0])
    assert model.render([site.content / "news/second.en.md"]) is None
    assert list(site.folder.rglob("*")) == []


@pytest.mark.parametrize("case", WARNED)
def test_markup_the_site_does_not_use_is_removed_from_the_first_look_too(site, case):
    body, _words, payload = WARNED[case]
    model = site.model()
    site.write(news(f"Text.\n\n{body}"))
    files = model.render([site.content / "news/second.en.md"])
    assert "en/news/second/index.html" in files
    page = (site.folder / "en/news/second/index.html").read_text(encoding="utf-8")
    assert "Text." in page and payload not in page


def test_put_in_place_reaches_lists_groups_and_tuples():
    old, new, other = object(), object(), object()
    Pair = collections.namedtuple("Pair", "name items")
    shared = [old, other]
    holder = {"articles": shared, "dates": [other, old], "tags": {"privacy": [old]},
              "categories": [("news", shared)], "pairs": [Pair("a", [old]), Pair("b", (other, old))], "title": "x"}
    put_in_place(holder, old, new, {})
    assert holder["articles"] is shared and shared == [new, other]
    assert holder["dates"] == [other, new] and holder["tags"] == {"privacy": [new]}
    assert holder["categories"] == [("news", [new, other])]
    assert holder["pairs"][0].items == [new] and holder["pairs"][1] == Pair("b", (other, new))
    assert isinstance(holder["pairs"][1], Pair)


def test_saved_items_are_markdown_saves_only(tmp_path):
    from watchfiles import Change

    page, data = tmp_path / "a.en.md", tmp_path / "topics.yaml"
    page.write_text("x")
    data.write_text("x")
    assert saved_items({(Change.modified, str(page))}) == [str(page)]
    # an editor's swap file and backup come and go beside it; the build never reads them
    assert saved_items({(Change.modified, str(page)), (Change.added, str(tmp_path / ".a.en.md.swp")),
                        (Change.deleted, str(tmp_path / "a.en.md~"))}) == [str(page)]
    assert saved_items({(Change.modified, str(page)), (Change.modified, str(data))}) == []
    assert saved_items({(Change.deleted, str(tmp_path / "gone.en.md"))}) == []
    assert saved_items({(Change.added, str(tmp_path / "b.en.md"))}) == []  # (not on disk any more)


def wait_ready(previewer, timeout=60):
    deadline = time.monotonic() + timeout
    while not previewer.is_ready():
        assert previewer.process is not None, "the previewer could not read the site"
        assert time.monotonic() < deadline, "the previewer did not read the site in time"
        time.sleep(0.05)


def test_the_previewer_process_shows_saves_and_reads_the_site_again_when_started(site):
    previewer = Previewer(SETTINGS, site.content, site.overrides)
    try:
        assert previewer.render([site.content / "news/first.en.md"]) is None  # not ready: no waiting
        previewer.start()
        wait_ready(previewer)
        first = site.edit("news/first.en.md", "Body.", "Body, saved.")
        folder, files = previewer.render([first])
        assert "en/news/first/index.html" in files and folder.parent == previewer.root
        assert "Body, saved." in (folder / "en/news/first/index.html").read_text(encoding="utf-8")
        # the next save's look has a folder of its own: the one on show is never emptied under the server
        again, _ = previewer.render([site.edit("news/first.en.md", "Body, saved.", "Body, saved again.")])
        assert again != folder and "Body, saved." in (folder / "en/news/first/index.html").read_text(encoding="utf-8")
        latest, _ = previewer.render([site.edit("news/first.en.md", "Body, saved again.", "Body, saved thrice.")])
        assert not folder.exists() and again.exists() and latest.exists()  # the one shown and the one before
        site.write({"news/third.en.md": "Title: Third\nDate: 2023-02-21\nSummary: s\n\nB.\n"})
        third = site.content / "news/third.en.md"
        assert previewer.render([third]) is None  # new: read only when started again
        # the process ended under it (killed, out of memory): no first look, and no exception for the server
        previewer.process.kill()
        previewer.process.join()
        assert previewer.render([first]) is None and previewer.process is None
        previewer.start()
        wait_ready(previewer)
        assert "en/news/third/index.html" in previewer.render([third])[1]
        # a site that does not read: the process says so and ends; saves are not shown
        site.edit("news/third.en.md", "Date: 2023-02-21", "Date: 21/2/2023")
        previewer.start()
        deadline = time.monotonic() + 60
        while previewer.process is not None:
            assert not previewer.is_ready() and time.monotonic() < deadline
            time.sleep(0.05)
        assert previewer.render([first]) is None
    finally:
        previewer.close()
    assert not previewer.root.exists()


class FakeReport:
    def __init__(self, output, changed):
        self.output, self.pages_changed = output, changed


def test_the_builder_builds_the_saves_waiting_together_and_survives_a_bug(tmp_path, capsys):
    """build_saves() without a browser: batches waiting are built by one build (the index skipped while another
    save waits), a first look stays shown until a build includes its save, and a bug in one batch's builds is
    printed while later saves still build."""
    import threading

    from tooling.devserver import Builds
    from tooling.saveloop import Saves, build_saves

    calls, gates = [], [threading.Event() for _ in range(7)]

    def build(search_later=False):
        calls.append(search_later)
        assert gates[len(calls)].wait(10)  # each build ends when the test says
        if len(calls) == 3:
            raise RuntimeError("a bug")
        return FakeReport(tmp_path, None)

    builds, saves = Builds(), Saves()
    builder = threading.Thread(target=build_saves, args=(build, builds, saves))
    builder.start()
    saves.add(1, set(), False)
    wait_until_true(lambda: calls == [True])  # save 1's pages, a slow build: saves 2 and 3 arrive meanwhile
    builds.previewed(tmp_path, 3, ["a/index.html"])
    saves.add(2, set(), True)
    saves.add(3, set(), True)
    gates[1].set()
    wait_until_true(lambda: len(calls) == 2)
    assert calls == [True, True], "save 1's index was built while saves waited"
    assert builds.preview == tmp_path, "save 3's first look was dropped by a build that did not include it"
    gates[2].set()  # saves 2 and 3, built together
    wait_until_true(lambda: len(calls) == 3)
    assert calls[2] is False and builds.preview is None  # then their index — which hits the bug
    gates[3].set()
    saves.add(4, set(), False)
    gates[4].set()
    gates[5].set()
    wait_until_true(lambda: len(calls) == 5)
    assert calls[3:] == [True, False]  # save 4: its pages, then the index
    saves.close()
    builder.join(timeout=10)
    assert not builder.is_alive()
    assert "RuntimeError: a bug" in capsys.readouterr().err


def wait_until_true(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.01)
