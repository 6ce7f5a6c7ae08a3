"""`invoke publish`: a real rsync target and a real rclone remote (local), only changed files sent,
assets before pages, stale files deleted last; PUBLISH mistakes named with their line."""

import shutil
import sys

import pytest

from bilingual.build import build_site
from bilingual.errors import ContentError
from conftest import ROOT, VOCABULARIES, tree_digest
from deploy.files import cache_control, content_type, header_groups, nginx_regex, original, passes
from deploy.publish import publish_folder
from deploy.settings import CACHE, check_publish

sys.path.insert(0, str(ROOT))  # tasks.py, and publishconf.py's `from pelicanconf import *`
from tasks import CONFIG, nginx_cache_snippet  # noqa: E402

PUBLISHCONF = ROOT / "publishconf.py"
ITEMS = {
    "news/first.ar.md": "Title: الخبر الأول\nDate: 2023-02-20\nSummary: خبر أول.\n\nنص.\n",
    "news/first.en.md": "Title: First news\nDate: 2023-02-20\nSummary: A first item.\n\nBody.\n",
    "news/second.ar.md": "Title: الخبر الثاني\nDate: 2023-03-01\nSummary: خبر ثان.\n\nنص.\n",
    "news/second.en.md": "Title: Second news\nDate: 2023-03-01\nSummary: A second item.\n\nBody.\n",
    "pages/about.ar.md": "Title: من نحن\nSummary: عن حملة.\n\nنص.\n",
    "pages/about.en.md": "Title: About us\nSummary: About 7amleh.\n\nText.\n",
}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def require(tool):
    assert shutil.which(tool), f"{tool} is not installed: apt-get install {tool} (or run .ci/run)"


class Site:
    """A tiny site built with publishconf.py (absolute URLs, no drafts), as `invoke publish` builds it."""

    def __init__(self, root):
        self.content, self.output = root / "content", root / "output"
        self.write({**VOCABULARIES, **ITEMS})

    def write(self, files):
        for rel, text in files.items():
            path = self.content / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")

    def build(self):
        before = tree_digest(self.output) if self.output.exists() else {}
        report = build_site(PUBLISHCONF, content=self.content, output=self.output)
        assert report.warnings == [] and report.check_warnings == []
        after = tree_digest(self.output)
        return {path for path, digest in after.items() if before.get(path) != digest}, set(before) - set(after)


def target_for(method, live):
    destination = f"{live}/" if method == "rsync" else f":local:{live}"
    return check_publish({"target": "live", "targets": {"live": {"method": method, "destination": destination}}},
                         PUBLISHCONF)


def steps_in_order(transfers):
    """The steps in the order the log shows them: each step's files all come before the next step's."""
    order = [t.step for t in transfers]
    return [step for i, step in enumerate(order) if i == 0 or order[i - 1] != step]


@pytest.mark.parametrize("method", ["rsync", "rclone"])
def test_publish_sends_only_what_changed_assets_first_pages_next_deletions_last(tmp_path, method):
    require(method)
    site, live = Site(tmp_path), tmp_path / "live"
    settings = target_for(method, live)
    target = settings.targets["live"]

    # 1. First publish: everything, assets before any page.
    changed, _ = site.build()
    transfers = publish_folder(site.output, settings, target)
    assert {t.path for t in transfers} == changed == set(tree_digest(site.output))
    assert steps_in_order(transfers) == ["assets", "pages"]
    assert all(original(t.path).endswith((".html", ".xml", ".json")) == (t.step == "pages") for t in transfers)
    assert tree_digest(live) == tree_digest(site.output)

    # 2. The same build again: nothing to send.
    assert site.build() == (set(), set())
    assert publish_folder(site.output, settings, target) == []

    # 3. One item's title changes: only its page and the pages listing it are sent.
    site.write({"news/second.en.md": ITEMS["news/second.en.md"].replace("Second news", "Second news, updated")})
    changed, _ = site.build()
    transfers = publish_folder(site.output, settings, target)
    sent = {t.path for t in transfers if t.step != "deletions"}
    assert sent == changed and "en/news/second/index.html" in sent
    assert all(t.path.startswith("en/search/data/") for t in transfers if t.step == "deletions")  # old index files
    # The English search index changes too: the item's card, the shards of the title's terms
    # (named by their content) and the manifest that lists them. The search page names the
    # manifest, which keeps its name, so it is not sent; nothing of the Arabic search is.
    search = {path for path in sent if path.startswith("en/search/")}
    assert "en/search/index.html" not in search and "en/search/data/manifest.json" in search
    assert any(path.startswith("en/search/data/shards/") for path in search)
    assert any(path.startswith("en/search/data/docs/") for path in search)
    cards = {path for path in sent if path.startswith("cards/")}  # the share card that shows the title
    assert cards == {"cards/en/news/second/card.png"}
    pages = {original(path) for path in sent - search - cards}  # a changed page comes with its .gz and .br twins
    assert all("Second news, updated" in (site.output / path).read_text(encoding="utf-8") for path in pages), \
        "a file that does not show the new title was sent"
    assert len(pages) < 8 and not any(path.startswith(("theme/", "news/", "search/")) for path in sent)
    assert tree_digest(live) == tree_digest(site.output)

    # 4. A PDF added to one item (in both languages: sitecheck warns when one lacks it) and another item
    # removed: the PDFs, then pages, then the deletions.
    (site.content / "news/first.ar.md").unlink()
    (site.content / "news/first.en.md").unlink()
    site.write({f"pdfs/second.{lang}.pdf": PDF for lang in ("ar", "en")})
    site.write({f"news/second.{lang}.md": ITEMS[f"news/second.{lang}.md"].replace(
        "Summary:", f"PDF: pdfs/second.{lang}.pdf\nSummary:") for lang in ("ar", "en")})
    changed, removed = site.build()
    transfers = publish_folder(site.output, settings, target)
    assert steps_in_order(transfers) == ["assets", "pages", "deletions"]
    assets = [t.path for t in transfers if t.step == "assets"]
    assert sorted(path for path in assets if not path.startswith(("search/data/", "en/search/data/"))) == [
        "cards/en/news/second/card.png",  # its title is back to "Second news" (written from ITEMS again)
        "pdfs/second.ar.pdf", "pdfs/second.en.pdf"]
    assert {t.path for t in transfers if t.step != "deletions"} == changed
    assert {t.path for t in transfers if t.step == "deletions" and not t.path.endswith("/")} == removed
    assert {"news/first/index.html", "en/news/first/index.html"} <= removed
    assert tree_digest(live) == tree_digest(site.output)
    assert not (live / "news" / "first").exists(), "an emptied folder was left behind"


@pytest.mark.parametrize("method", ["rsync", "rclone"])
def test_dry_run_reports_and_changes_nothing_and_well_known_files_are_kept(tmp_path, method):
    require(method)
    site, live = Site(tmp_path), tmp_path / "live"
    site.build()
    (live / ".well-known" / "acme-challenge").mkdir(parents=True)
    (live / ".well-known" / "acme-challenge" / "token").write_text("certbot's", encoding="utf-8")
    (live / "stale.html").write_text("old", encoding="utf-8")
    settings = target_for(method, live)
    transfers = publish_folder(site.output, settings, settings.targets["live"], dry_run=True)
    assert {t.path for t in transfers if t.action == "upload"} == set(tree_digest(site.output))
    assert [t.path for t in transfers if t.action == "delete"] == ["stale.html"]
    assert sorted(p.name for p in live.iterdir()) == [".well-known", "stale.html"]
    publish_folder(site.output, settings, settings.targets["live"])
    assert not (live / "stale.html").exists() and (live / ".well-known/acme-challenge/token").is_file(), \
        "PUBLISH['keep'] (/.well-known/) must survive the deletions"


def test_cache_and_content_type_per_file_class():
    publish = check_publish(None, PUBLISHCONF)
    assert publish.cache == tuple((tuple(p), v) for p, v in CACHE)
    assert cache_control("theme/css/site.css", publish.cache).endswith("immutable")
    assert cache_control("pdfs/report.ar.pdf", publish.cache) == "public, max-age=86400"
    assert cache_control("en/news/x/index.html", publish.cache) == "public, max-age=300"
    assert content_type("en/feeds/all.atom.xml", publish.types) == "application/atom+xml; charset=utf-8"
    assert content_type("sitemap.xml", publish.types) == "application/xml; charset=utf-8"
    assert content_type("data/violations-2022.csv", publish.types) == "text/csv; charset=utf-8"
    assert content_type("theme/fonts/LICENSE", publish.types) is None
    assert passes(["a/index.html", "theme/css/site.css", "sitemap.xml"], publish.last) == [
        ("assets", ["theme/css/site.css"]), ("pages", ["a/index.html", "sitemap.xml"])]
    assert nginx_regex("theme/css/*") == "^/theme/css/.*$"


def test_precompressed_twins_travel_and_are_described_as_their_original():
    publish = check_publish(None, PUBLISHCONF)
    assert passes(["a/index.html.br", "a/index.html", "theme/css/site.css.gz", "theme/css/site.css"],
                  publish.last) == [("assets", ["theme/css/site.css.gz", "theme/css/site.css"]),
                                    ("pages", ["a/index.html.br", "a/index.html"])]
    assert cache_control("theme/css/site.css.br", publish.cache).endswith("immutable")
    assert content_type("a/index.html.gz", publish.types) == "text/html; charset=utf-8"
    assert header_groups(["a/index.html.br", "data/x.csv.gz", "files/backup.tar.gz"], publish) == {
        ("public, max-age=300", "text/html; charset=utf-8", "br"): ["a/index.html.br"],
        ("public, max-age=300", "text/csv; charset=utf-8", "gzip"): ["data/x.csv.gz"],
        ("public, max-age=300", None, None): ["files/backup.tar.gz"]}  # a download, not a twin


def test_committed_nginx_cache_snippet_is_what_the_settings_produce():
    committed = CONFIG["nginx_cache"].read_text(encoding="utf-8")
    assert committed == nginx_cache_snippet(CONFIG["settings_publish"]), "run `invoke headers` and commit the result"


BAD = [
    ('PUBLISH = {\n    "targets": {\n        "x": {"method": "ftp", "destination": "h:/"},\n    },\n}\n',
     "conf.py:3: PUBLISH['targets']['x']['method']: method must be one of rsync, rclone, not 'ftp'"),
    ('PUBLISH = {\n    "targets": {"x": {"method": "rclone", "destination": "/srv/site"}},\n}\n',
     "conf.py:2: PUBLISH['targets']['x']['destination']: '/srv/site' is not an rclone remote path"),
    ('PUBLISH = {\n    "target": "cdn",\n    "targets": {},\n}\n',
     "conf.py:2: PUBLISH['target']: 'cdn' is not one of the targets (none)"),
    ('PUBLISH = {\n    "targets": {},\n    "cache": [(["*.html"], "no-cache")],\n}\n',
     "conf.py:3: PUBLISH['cache']: the last rule must match every file"),
    ('X = 1\nPUBLISH = {"tagret": "x"}\n', "conf.py:2: PUBLISH['tagret']: unknown key 'tagret'"),
]


@pytest.mark.parametrize("text, message", BAD)
def test_publish_settings_mistakes_name_the_file_and_line(tmp_path, text, message):
    conf = tmp_path / "conf.py"
    conf.write_text(text, encoding="utf-8")
    namespace = {}
    exec(text, namespace)
    with pytest.raises(ContentError) as caught:
        check_publish(namespace["PUBLISH"], conf)
    assert caught.value.describe().startswith(message)


def test_the_publish_task_builds_afresh_and_uploads(tmp_path, capsys, monkeypatch):
    """`invoke publish` end to end: a settings file naming a local rsync target, a copy of the repository's
    content (a publish records its addresses in the content's ledger: tests/test_addresses.py)."""
    require("rsync")
    from invoke import Context

    from tasks import publish

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    monkeypatch.setitem(CONFIG, "content", content)

    conf = tmp_path / "live-conf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
                    f"PATH = {str(content)!r}\nTHEME = {str(ROOT / 'themes/base')!r}\n"
                    f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                    f"PUBLISH = {{'target': 'live', 'targets': {{'live': {{'method': 'rsync', "
                    f"'destination': {str(tmp_path / 'live') + '/'!r}}}}}}}\n", encoding="utf-8")
    transfers = publish(Context(), settings=str(conf))
    live = tmp_path / "live"
    assert (live / "index.html").is_file() and (live / "en" / "index.html").is_file()
    assert "https://7amleh.org/" in (live / "en" / "index.html").read_text(encoding="utf-8")
    assert not (live / "drafts").exists()
    assert len(transfers) == len(tree_digest(live))
    assert "Published to 'live' (rsync" in capsys.readouterr().out
    assert "/en/publications/annual-report-2022/ publications/annual-report-2022.en.md\n" in (
        content / "data/addresses.txt").read_text(encoding="utf-8")
    assert not (ROOT / "content/data/addresses.txt").exists()


def test_theme_css_and_js_are_linked_by_content_hash(sample_site):
    """PUBLISH['cache'] serves theme/css and theme/js as immutable: every link to them must change when they do."""
    import hashlib
    import re

    links = set()
    for page in sample_site.rglob("*.html"):
        links |= set(re.findall(r'(?:href|src)="[^"]*?/theme/((?:css|js)/[^"]*)"', page.read_text(encoding="utf-8")))
    assert links, "no page links the theme's CSS or JS"
    for link in links:
        path, _, version = link.partition("?v=")
        digest = hashlib.sha256((sample_site / "theme" / path).read_bytes()).hexdigest()
        assert version and digest.startswith(version), f"/theme/{link} is not versioned by content: use theme_asset()"


def test_drafts_are_previewed_but_never_published(tmp_path):
    draft = {"news/soon.en.md": "Title: Soon\nDate: 2023-03-01\nStatus: draft\nSummary: Not yet.\n\nBody.\n"}
    for settings, expected in ((ROOT / "pelicanconf.py", True), (PUBLISHCONF, False)):
        site = Site(tmp_path / settings.stem)
        site.write(draft)
        build_site(settings, content=site.content, output=site.output)
        assert (site.output / "en/drafts/soon/index.html").exists() == expected


def test_the_publish_task_stops_on_a_bad_setting_or_target_before_building(tmp_path):
    from invoke import Context, Exit

    from tasks import publish

    conf = tmp_path / "bad-conf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
                    f"PATH = {str(ROOT / 'content')!r}\n"
                    "PUBLISH = {\n    'target': 'server',\n    'targets': {'server': {'method': 'scp', "
                    "'destination': 'h:/'}},\n}\n", encoding="utf-8")
    with pytest.raises(Exit) as caught:
        publish(Context(), settings=str(conf))
    assert caught.value.message.startswith("bad-conf.py:7: PUBLISH['targets']['server']['method']: method must be")
    with pytest.raises(Exit) as caught:
        publish(Context(), target="nowhere")
    assert caught.value.message.startswith("publishconf.py:")
    assert "no target called 'nowhere' (there are: server, cdn)" in caught.value.message


@pytest.mark.parametrize("method, destination, words", [
    ("rsync", "/nonexistent-deploy-parent/site/", "rsync failed (exit"),
    ("rclone", "no-such-remote:bucket", "rclone failed (exit"),
])
def test_a_failed_upload_says_which_tool_failed_and_why(tmp_path, method, destination, words):
    from deploy.tools import PublishError

    require(method)
    site = Site(tmp_path)
    site.build()
    settings = check_publish({"targets": {"t": {"method": method, "destination": destination}}}, PUBLISHCONF)
    with pytest.raises(PublishError) as caught:
        publish_folder(site.output, settings, settings.targets["t"])
    assert words in str(caught.value) and len(str(caught.value).splitlines()) > 1  # the tool's own message follows

    arabic = caught.value.describe("ar")
    assert arabic.startswith(f"فشل {shutil.which(method)} (رمز الخروج") and arabic.splitlines()[1:] == \
        str(caught.value).splitlines()[1:]  # the tool's own output, as it wrote it


def test_the_summary_counts_each_step_in_both_languages_and_says_what_a_dry_run_would_do():
    from deploy.publish import summary
    from deploy.tools import Transfer
    from messages import render

    transfers = [Transfer("assets", "upload", f"images/{n}.webp") for n in range(7)]
    transfers += [Transfer("pages", "upload", "index.html"), Transfer("deletions", "delete", "old/index.html")]
    assert [render(line, "en") for line in summary(transfers)] == [
        "assets: 7 uploaded (images/0.webp, images/1.webp, images/2.webp, images/3.webp, images/4.webp, …)",
        "pages: 1 uploaded (index.html)", "deletions: 1 deleted (old/index.html)"]
    assert [render(line, "ar") for line in summary(transfers[:7])] == [
        "ملفات الموارد: رُفعت 7 ملفات (images/0.webp، images/1.webp، images/2.webp، images/3.webp، images/4.webp، …)",
        "الصفحات: لم يُرفع أي ملف", "الحذف: لم يُحذف أي ملف"]
    assert [render(line, "en") for line in summary(transfers[7:8], dry_run=True)] == [
        "assets: nothing to upload", "pages: 1 to upload (index.html)", "deletions: nothing to delete"]


def test_rclone_sends_cache_control_and_content_type_with_every_upload(tmp_path):
    """An HTTP remote (rclone's own WebDAV server) sees each file's headers, as an object store would keep them."""
    import json
    import re
    import subprocess

    require("rclone")
    site = Site(tmp_path)
    site.build()
    (tmp_path / "served").mkdir()
    server = subprocess.Popen(["rclone", "serve", "webdav", str(tmp_path / "served"), "--addr", "127.0.0.1:0"],
                              stderr=subprocess.PIPE, text=True)
    try:
        address = None
        for line in server.stderr:
            match = re.search(r"WebDav Server started on (http://\S+?)/?$", line.strip())
            if match:
                address = match.group(1)
                break
        assert address, "rclone serve webdav did not start"
        log = tmp_path / "rclone.log"
        settings = check_publish({"targets": {"dav": {
            "method": "rclone", "destination": f":webdav,url='{address}/':",
            "options": ["--dump=headers", f"--log-file={log}"]}}}, PUBLISHCONF)  # the log: requests as sent
        publish_folder(site.output, settings, settings.targets["dav"])
    finally:
        server.terminate()  # the one server this test started
        server.wait(timeout=10)
        server.stderr.close()
    puts = []
    for line in log.read_text(encoding="utf-8").splitlines():
        message = json.loads(line).get("msg", "") if line.startswith("{") else ""
        if message.startswith("PUT /"):
            head = message.split("\r\n")
            headers = dict(h.split(": ", 1) for h in head[1:] if ": " in h)
            puts.append((head[0].split(" ")[1].lstrip("/"), headers))
    assert {path for path, _ in puts} == set(tree_digest(site.output))
    sent = dict(puts)
    assert sent["theme/css/site.css"]["Cache-Control"] == "public, max-age=31536000, immutable"
    assert sent["theme/css/site.css"]["Content-Type"] == "text/css; charset=utf-8"
    assert sent["en/news/first/index.html"]["Cache-Control"] == "public, max-age=300"
    assert sent["en/news/first/index.html"]["Content-Type"] == "text/html; charset=utf-8"
    assert sent["en/feeds/all.atom.xml"]["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert sent["theme/fonts/noto-sans-arabic-400-subset.woff2"]["Cache-Control"] == "public, max-age=2592000"
    assert sent["en/news/first/index.html.br"]["Content-Type"] == "text/html; charset=utf-8"
    assert sent["en/news/first/index.html.br"]["Content-Encoding"] == "br"
    assert sent["theme/css/site.css.gz"]["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in sent["theme/css/site.css"]
    pages = [i for i, (path, _) in enumerate(puts) if original(path).endswith((".html", ".xml", ".json"))]
    assert pages and min(pages) == len(puts) - len(pages), "a page was uploaded before an asset"
