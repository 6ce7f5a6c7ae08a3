"""`invoke serve`: live reload by a same-origin script the preview server adds, under the site's own CSP."""

import contextlib
import json
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, TinySite
from bilingual.errors import BuildError, ContentError
from messages import anchor, t
from tooling.devserver import EVENTS_URL, GUIDE_URL, SCRIPT_URL, Builds, git_refs, inject, make_server, stopped_report

NEWS = {
    "news/first.ar.md": "Title: الخبر الأول\nDate: 2023-02-20\nSummary: خبر.\n\nنص.\n",
    "news/first.en.md": "Title: First news\nDate: 2023-02-20\nSummary: A first item.\n\nBody.\n",
}


def test_inject_puts_the_script_before_the_end_of_body():
    assert inject(b"<html><body><p>x</p></body></html>", 3) == (
        b'<html><body><p>x</p><script src="/_dev/reload.js" data-build="3" defer></script></body></html>')


def test_the_preview_server_adds_the_script_to_pages_only_and_streams_build_numbers(tmp_path):
    site = TinySite(tmp_path).write(NEWS)
    site.build()
    builds = Builds()
    builds.finished()
    server = make_server("127.0.0.1", 0, site.output, builds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/en/news/first/") as response:
            page = response.read().decode()
            assert "script-src 'self'" in response.headers["Content-Security-Policy"]  # the live site's policy
        assert page.count(SCRIPT_URL) == 1 and 'data-build="1" defer></script></body>' in page
        with urllib.request.urlopen(f"{base}{SCRIPT_URL}") as response:
            assert response.headers["Content-Type"].startswith("text/javascript")
            assert "new EventSource(\"/_dev/events\")" in response.read().decode()
        with urllib.request.urlopen(f"{base}/theme/css/site.css") as response:
            assert SCRIPT_URL.encode() not in response.read()
        with urllib.request.urlopen(f"{base}{EVENTS_URL}", timeout=10) as events:
            assert events.headers["Content-Type"] == "text/event-stream"
            assert events.readline() == b"data: 1\n"
            assert events.readline() == b"\n"
            builds.finished()
            assert events.readline() == b"data: 2\n"
            assert events.readline() == b"\n"
            message = t("unknown publication type '{value}'", value="soon")
            builds.stopped(stopped_report(BuildError([ContentError("news/x.en.md", message, line=2)])))
            assert events.readline() == b"event: problem\n"
            report = json.loads(events.readline().decode().removeprefix("data: "))
            assert report["en"]["problems"] == [{"text": "news/x.en.md:2: unknown publication type 'soon'",
                                                  "link": f"{GUIDE_URL}messages.en#{anchor(message)}"}]
            assert report["ar"]["dir"] == "rtl" and report["ar"]["problems"][0]["text"].startswith("news/x.en.md:2: ")
            assert report["ar"]["problems"][0]["text"] != report["en"]["problems"][0]["text"]  # in Arabic
    finally:
        server.shutdown()
        server.server_close()
    assert not any("_dev" in p.read_text(encoding="utf-8") for p in site.output.rglob("*.html")), \
        "the reload script must never be in the built site"


def test_a_first_build_that_stops_still_serves_a_page_that_says_why(tmp_path):
    """`invoke serve` keeps serving when its first build stops: with no good build, a page shows the reason
    (through the same script and event as always) and reloads once a build succeeds."""
    builds = Builds()
    message = t("unknown publication type '{value}'", value="x")
    builds.stopped(stopped_report(BuildError([ContentError("publications/a.ar.md", message, line=3)])))
    server = make_server("127.0.0.1", 0, tmp_path / "output", builds)  # nothing built yet
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(urllib.error.HTTPError) as waiting:
            urllib.request.urlopen(f"{base}/en/news/")
        assert waiting.value.code == 503
        page = waiting.value.read().decode()
        waiting.value.close()
        assert f'<script src="{SCRIPT_URL}" data-build="0" defer></script>' in page and "<h1>" in page
        with urllib.request.urlopen(f"{base}{EVENTS_URL}", timeout=10) as events:
            assert events.readline() == b"event: problem\n"
            assert "publications/a.ar.md:3" in events.readline().decode()
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_server_shows_the_guides_in_their_direction(tmp_path):
    site = TinySite(tmp_path).write(NEWS)
    site.build()
    server = make_server("127.0.0.1", 0, site.output, Builds())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{GUIDE_URL}"
    try:
        with urllib.request.urlopen(f"{base}messages.ar") as response:
            page = response.read().decode()
        assert '<html lang="ar" dir="rtl">' in page
        entry = anchor(t("unknown publication type '{value}'"))
        assert f'id="{entry}"' in page  # the panel's links land on the message
        with urllib.request.urlopen(f"{base}messages.en") as response:
            assert '<html lang="en" dir="ltr">' in response.read().decode()
        with urllib.request.urlopen(f"{base}guide.css") as response:
            assert response.headers["Content-Type"].startswith("text/css")
        for missing in ("nothing.ar", "..%2Fpelicanconf", "messages.ar.md"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{base}{missing}")
            assert refused.value.code == 404
            refused.value.close()
    finally:
        server.shutdown()
        server.server_close()


def git(cwd, *args):
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_the_serve_watch_sees_commits_and_checkouts_through_the_git_refs(tmp_path):
    """Which translation is stale comes from `git log`, and a commit changes no file of the site: `invoke serve`
    also watches the repository's HEAD, its log and refs/ (never objects/), so a commit rebuilds."""
    from watchfiles import watch

    content = tmp_path / "repo" / "content"
    content.mkdir(parents=True)
    git(content.parent, "init", "-q", "-b", "main")
    (content / "a.txt").write_text("a", encoding="utf-8")
    git(content.parent, "add", ".")
    git(content.parent, "commit", "-qm", "first")
    watched = git_refs(content)
    git_dir = (content.parent / ".git").resolve()
    assert watched == sorted([git_dir / "HEAD", git_dir / "logs", git_dir / "refs"])
    assert git_refs(tmp_path) == []  # outside git: nothing more to watch
    assert "git_refs(content)" in (ROOT / "tasks.py").read_text(encoding="utf-8")  # what `invoke serve` watches
    batches, stop = queue.Queue(), threading.Event()
    watcher = threading.Thread(target=lambda: [batches.put(changes) for changes in watch(
        *watched, watch_filter=None, stop_event=stop, debounce=200, step=20)], daemon=True)  # as serve: .git too
    watcher.start()
    time.sleep(0.5)  # the watch is in place
    try:
        for step in (["commit", "-q", "--allow-empty", "-m", "second"], ["commit", "-q", "--allow-empty", "-m", "3"],
                     ["checkout", "-q", "-b", "other"], ["checkout", "-q", "main"]):
            git(content.parent, *step)
            changes = batches.get(timeout=10)
            assert changes and not any("/objects/" in path for _, path in changes), (step, changes)
            time.sleep(0.4)  # one batch per step
            while not batches.empty():
                batches.get()
    finally:
        stop.set()
        watcher.join(timeout=10)


def lines_of(process):
    """Lines the process prints, on a queue (read by a thread so the test can time out)."""
    lines = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True)
    reader.start()
    return lines, reader


def wait_for_line(lines, pattern, timeout):
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        match = re.search(pattern, line)
        if match:
            return match
    raise AssertionError(f"no line matching {pattern!r} within {timeout} s; the server printed:\n{''.join(seen)}")


@pytest.mark.browser
def test_an_open_page_reloads_after_its_source_file_is_saved_and_shows_why_a_build_stopped(tmp_path, browser):
    site = TinySite(tmp_path).write(NEWS)
    command = [str(Path(sys.executable).with_name("invoke")), "serve", "--port", "0",
               "--content", str(site.content), "--output", str(site.output)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={"PYTHONUNBUFFERED": "1", "PATH": "/usr/bin:/bin", "SITE_MESSAGES": "en"})
    context = browser.new_context()
    reader = None
    try:
        lines, reader = lines_of(server)
        url = wait_for_line(lines, r"Serving on (http://127\.0\.0\.1:\d+/)", 60).group(1)
        page = context.new_page()
        refused = []
        page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
                else None)
        page.goto(f"{url}en/news/first/")
        assert page.text_content("h1") == "First news"
        page.wait_for_timeout(500)  # the script connects to the event stream
        page.evaluate("window.beforeTheSave = true")
        (site.content / "news/first.en.md").write_text(NEWS["news/first.en.md"].replace("First news", "First news, saved"),
                                                       encoding="utf-8")
        page.locator("h1", has_text="First news, saved").wait_for(timeout=30_000)  # (no eval: the CSP forbids it)
        # a first look, then the save's builds — a new title changes the listings too, so the page reloads again
        for _ in range(2):
            wait_for_line(lines, r"Built \d+ pages", 60)
        page.wait_for_timeout(300)
        page.wait_for_load_state()
        assert page.evaluate("window.beforeTheSave") is None, "the text changed without a reload"

        # A mistake: the page stays, and says why the build stopped; fixing it reloads the page.
        source = site.content / "news/first.en.md"
        source.write_text(source.read_text(encoding="utf-8").replace("2023-02-20", "20/2/2023"), encoding="utf-8")
        problem = page.locator("#dev-build-problem[role=alert]")
        problem.wait_for(timeout=30_000)
        assert "news/first.en.md:2: '20/2/2023' is not a date" in problem.text_content()
        assert page.text_content("h1") == "First news, saved"
        assert problem.get_attribute("dir") == "ltr" and problem.get_attribute("lang") == "en"
        # The Arabic page says it in Arabic, right to left, and links to what to do.
        arabic = context.new_page()
        arabic.goto(f"{url}news/first/")
        box = arabic.locator("#dev-build-problem[role=alert]")
        box.wait_for(timeout=30_000)
        assert box.get_attribute("dir") == "rtl" and box.get_attribute("lang") == "ar"
        assert "news/first.en.md:2:" in box.text_content() and re.search("[\u0600-\u06ff]", box.text_content())
        guide = box.locator("a")
        assert guide.get_attribute("href").startswith(f"{GUIDE_URL}messages.ar#m-")
        entry = guide.get_attribute("href").split("#")[1]
        with context.expect_page() as opened:
            guide.click()  # in a new tab: the preview stays as it is
        reference = opened.value
        reference.wait_for_load_state()
        assert reference.url.endswith(f"{GUIDE_URL}messages.ar#{entry}")
        assert reference.locator("html").get_attribute("dir") == "rtl"
        assert reference.locator(f"[id='{entry}']").count() == 1
        reference.close()
        arabic.close()
        source.write_text(source.read_text(encoding="utf-8").replace("20/2/2023", "2023-02-21"), encoding="utf-8")
        problem.wait_for(state="detached", timeout=30_000)  # the page reloaded with the new build
        assert page.text_content("h1") == "First news, saved"
        assert refused == [], refused
    finally:
        context.close()
        server.terminate()  # the one process this test started
        server.wait(timeout=10)
        if reader is not None:
            reader.join(timeout=10)  # it stops at the end of the output; then the pipe can be closed
        server.stdout.close()


@contextlib.contextmanager
def rebuilding(site, previewer=None, gate=None):
    """The site built, served, and rebuilt on every save by `invoke serve`'s own loop, in threads here.

    `previewer`: `invoke serve`'s (tooling/previewer.py), started once the site is built; `gate`: a
    threading.Event every build after the first waits for. Yields the address, the Builds, and the reports
    of the search-index builds (each save's second), as they end."""
    from tasks import run_build
    from tooling.devserver import built
    from tooling.saveloop import watch_and_rebuild

    builds, indexed, stop = Builds(), [], threading.Event()

    def build(search_later=False):
        if indexed is not None and gate is not None:
            assert gate.wait(60), "the test never let the build run"
        report = run_build(site.content, site.output, cache=site.root / "cache", search_later=search_later)
        if not search_later and indexed is not None:
            indexed.append(report)
        return report

    indexed = None  # (the first build: not a save's)
    assert built(build, builds) is not None
    builds.finished()
    indexed = []
    if previewer is not None:
        previewer.start()
        wait_until(previewer.is_ready, 60, "the previewer read the site")
    server = make_server("127.0.0.1", 0, site.output, builds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    loop = threading.Thread(target=watch_and_rebuild, args=([site.content], build, builds, stop),
                            kwargs={"previewer": previewer}, daemon=True)
    loop.start()
    time.sleep(0.5)  # the watch is in place
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", builds, indexed
    finally:
        if gate is not None:
            gate.set()
        stop.set()
        loop.join(timeout=30)
        server.shutdown()
        server.server_close()
        if previewer is not None:
            previewer.close()


@contextlib.contextmanager
def first_looks(site, browser, path):
    """`rebuilding()` with `invoke serve`'s previewer and builds held back by a gate, and a page open at `path`,
    listening to the event stream. Yields the page, the Builds, the search-index builds' reports, the gate (set
    it to let the builds run) and the previewer."""
    gate, previewer = threading.Event(), previewer_for(site)
    context = browser.new_context()
    with rebuilding(site, previewer, gate) as (url, builds, indexed):
        try:
            page = context.new_page()
            page.goto(f"{url}{path}")
            page.wait_for_timeout(300)  # the script connects to the event stream
            yield page, builds, indexed, gate, previewer
        finally:
            context.close()


def previewer_for(site):
    """`invoke serve`'s previewer for the site `rebuilding()` builds (the same content cache)."""
    from tasks import cache_overrides
    from tooling.previewer import Previewer

    return Previewer(ROOT / "pelicanconf.py", site.content, cache_overrides(site.root / "cache"))


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout} s: {what}"
        time.sleep(0.05)


@pytest.mark.browser
def test_a_save_reloads_the_page_once_then_the_search_index_follows_and_a_broken_save_says_why(tmp_path, browser):
    """`invoke serve`'s loop: a save is one build that keeps the last search index (the page reloads with the
    edit at once), then one that makes the index — which reloads no page, since none changed."""
    site = TinySite(tmp_path).write(NEWS)
    manifest = site.output / "en/search/data/manifest.json"
    context = browser.new_context()
    with rebuilding(site) as (url, builds, indexed):
        try:
            page = context.new_page()
            page.goto(f"{url}en/news/first/")
            page.wait_for_timeout(300)  # the script connects to the event stream
            page.evaluate("window.beforeTheSave = true")
            before, number = manifest.read_bytes(), builds.number
            source = site.content / "news/first.en.md"
            source.write_text(NEWS["news/first.en.md"].replace("Body.", "Body, and a saved sentence."), encoding="utf-8")
            page.get_by_text("a saved sentence").wait_for(timeout=30_000)
            assert page.evaluate("window.beforeTheSave") is None, "the text changed without a reload"
            page.evaluate("window.afterTheReload = true")
            wait_until(lambda: indexed, 30, "the search-index build")
            assert indexed[0].pages_rendered == 0  # (so it told no page to reload)
            assert manifest.read_bytes() != before, "the English search index did not follow the save"
            page.wait_for_timeout(300)
            assert builds.number == number + 1 and page.evaluate("window.afterTheReload") is True, \
                "the search-index build reloaded the page again"

            # A broken save: the page stays and says why; the fix reloads it (and no index build ran between).
            source.write_text(source.read_text(encoding="utf-8").replace("2023-02-20", "20/2/2023"), encoding="utf-8")
            problem = page.locator("#dev-build-problem[role=alert]")
            problem.wait_for(timeout=30_000)
            assert "news/first.en.md:2: '20/2/2023' is not a date" in problem.text_content()
            assert len(indexed) == 1, "a build after a stopped one"
            source.write_text(source.read_text(encoding="utf-8").replace("20/2/2023", "2023-02-21"), encoding="utf-8")
            problem.wait_for(state="detached", timeout=30_000)  # the page reloaded with the new build
            page.get_by_text("a saved sentence").wait_for(timeout=5_000)
        finally:
            context.close()


@pytest.mark.browser
def test_a_save_is_shown_before_its_build_and_the_build_then_reloads_only_what_differs(tmp_path, browser):
    """A first look (tooling/previewer.py): the saved page is on screen while the build has not even started;
    the build, which writes the same bytes, does not reload it again. A save it cannot show waits for the
    build, and the previewer reads the site again after it; a first look the build then refuses goes back to
    the last good build, which says why."""
    site = TinySite(tmp_path).write(NEWS)
    with first_looks(site, browser, "en/news/first/") as (page, builds, indexed, gate, previewer):
        page.evaluate("window.beforeTheSave = true")
        number, source = builds.number, site.content / "news/first.en.md"
        source.write_text(NEWS["news/first.en.md"].replace("Body.", "Body, and a saved sentence."), encoding="utf-8")
        page.get_by_text("a saved sentence").wait_for(timeout=30_000)
        assert page.evaluate("window.beforeTheSave") is None, "the text changed without a reload"
        assert indexed == [] and builds.preview.parent == previewer.root, "shown by the build, not a first look"
        page.evaluate("window.afterTheReload = true")
        gate.set()
        wait_until(lambda: indexed, 30, "the builds after the save")
        page.wait_for_timeout(300)
        assert builds.preview is None and builds.number == number + 1
        assert page.evaluate("window.afterTheReload") is True, "the build reloaded a page it left as shown"
        assert page.text_content("h1") == "First news"

        # A new date moves the item among the others: only the build shows it; then the previewer starts again.
        gate.clear()
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("Title: First news", "Title: First news, redated").replace(
            "2023-02-20", "2023-02-21"), encoding="utf-8")
        page.wait_for_timeout(1000)
        assert page.text_content("h1") == "First news" and builds.preview is None
        gate.set()
        page.locator("h1", has_text="First news, redated").wait_for(timeout=30_000)
        wait_until(lambda: len(indexed) == 2, 30, "the builds after the second save")
        wait_until(previewer.is_ready, 60, "the previewer read the site again")

        # Shown at once, then refused by the build (a link to no page): the page goes back, and says why.
        gate.clear()
        source.write_text(source.read_text(encoding="utf-8").replace(
            "Body, and a saved sentence.", "See [the report](/en/news/no-such-report/)."), encoding="utf-8")
        page.get_by_text("See the report").wait_for(timeout=30_000)
        assert len(indexed) == 2, "shown by a build"
        gate.set()
        problem = page.locator("#dev-build-problem[role=alert]")
        problem.wait_for(timeout=30_000)
        assert "news/first.en.md" in problem.text_content() and "/en/news/no-such-report/" in problem.text_content()
        assert page.get_by_text("a saved sentence").count() == 1, "not the last good build"
        assert page.get_by_text("See the report").count() == 0


@pytest.mark.browser
def test_saves_in_quick_succession_each_show_at_once_and_share_the_next_build(tmp_path, browser):
    """On a large site a build takes seconds: a save made while one runs is shown at once all the same, and the
    saves made meanwhile are built together, by one build, once it is over."""
    site = TinySite(tmp_path).write(NEWS)
    # the builds wait at the gate: a slow build of the first save
    with first_looks(site, browser, "en/news/first/") as (page, builds, indexed, gate, _previewer):
        source = site.content / "news/first.en.md"
        for n in range(3):
            source.write_text(NEWS["news/first.en.md"].replace("Body.", f"Body, saved {n}."), encoding="utf-8")
            page.get_by_text(f"Body, saved {n}.").wait_for(timeout=30_000)
        assert indexed == [], "a build ran: the saves were not shown at once"
        gate.set()
        wait_until(lambda: indexed and builds.preview is None, 60, "the builds after the saves")
        page.wait_for_timeout(300)
        assert len(indexed) == 1, "the search index is made once, after the last save's build"
        assert "Body, saved 2." in site.read("en/news/first/index.html")
        assert page.get_by_text("Body, saved 2.").count() == 1
