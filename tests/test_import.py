"""`invoke import wordpress`: a realistic export (tests/wxrfixture.py) imported, built with no error or warning,
read in Chromium, every old address followed to its new page; a second import changes nothing; hostile exports,
bodies and uploads are refused or neutralised."""

import contextlib
import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

from conftest import ROOT, QuietHandler, TinySite, axe_violations, serve, tree_digest

sys.path.insert(0, str(ROOT))
import wxrfixture as wx  # noqa: E402
from tooling.wpimport import body, slugs  # noqa: E402
from tooling.wpimport.run import run_import  # noqa: E402
from tooling.wpimport.wxr import ExportError, parse_export  # noqa: E402


def import_into(site, export, uploads=None, mapping=wx.MAPPING):
    export_path = site.root / "export.xml"
    export_path.write_bytes(export)
    if mapping is not None and not (site.content / "data/wordpress-map.yaml").exists():
        site.write({"data/wordpress-map.yaml": mapping})
    lines = run_import(export_path, content=site.content, uploads=uploads, map_path=None, languages=["ar", "en"],
                       default_lang="ar", fallback_topics=ROOT / "content/data/topics.yaml")
    return [str(line) for line in lines]


@pytest.fixture
def imported(tmp_path):
    site = TinySite(tmp_path)
    uploads = wx.write_uploads(tmp_path / "uploads")
    report = import_into(site, wx.export(), uploads)
    return site, uploads, report


def test_the_export_imports_pairs_translations_and_writes_latin_names(imported):
    site, _, report = imported
    files = {p.relative_to(site.content).as_posix() for p in site.content.rglob("*") if p.is_file()}
    assert {"publications/digital-privacy-report.ar.md", "publications/digital-privacy-report.en.md",
            "news/hmla-ttlq-dlyl-al-aman-al-rqmy.ar.md", "pages/about-us.ar.md", "pages/about-us.en.md",
            "images/cover.jpg", "images/privacy-chart.jpg", "images/training-1.jpg", "images/wrsha.jpg",
            "pdfs/privacy-report.pdf"} <= files
    arabic = (site.content / "publications/digital-privacy-report.ar.md").read_text(encoding="utf-8")
    assert "Type: report\nTopics: privacy\n" in arabic and "Cover: images/cover.jpg" in arabic
    assert "Aliases: /2023/02/20/تقرير-الخصوصية-الرقمية/, /2023/02/20/تقرير-الخصوصية-الرقمية/privacy-report/" in arabic
    assert "<!--" not in arabic and "wp:" not in arabic
    assert "![رسم بياني لنتائج الاستطلاع]({static}/images/privacy-chart.jpg)" in arabic  # the original, not -1024x768
    assert "[شاهدوا الفيديو على youtube.com](https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in arabic
    assert "({filename}/news/hmla-ttlq-dlyl-al-aman-al-rqmy.ar.md)" in arabic and "({static}/pdfs/privacy-report.pdf)" in arabic
    news = (site.content / "news/hmla-ttlq-dlyl-al-aman-al-rqmy.ar.md").read_text(encoding="utf-8")
    assert "Translation: none" in news and "<script" not in news and "&lt;script>" in news  # text stays text
    assert "![ورشة تدريب في رام الله]({static}/images/wrsha.jpg)\n\n*ورشة تدريب في رام الله*" in news  # [caption]
    assert "![Training day one]({static}/images/training-1.jpg)" in news  # [gallery ids=…], alt from the attachment
    assert "للصحفيين.  \nيشرح" in news  # wpautop: a single line break stays a line break
    assert "contact-form-7" not in news
    english = (site.content / "publications/digital-privacy-report.en.md").read_text(encoding="utf-8")
    assert "[about page]({filename}/pages/about-us.en.md)" in english
    assert "Summary: A survey of digital privacy in Palestine." in english
    assert "Slug:" not in arabic + english + news and "Category:" not in arabic + english + news
    text = "\n".join(report)
    assert "Posts: ar 2, en 1" in text and "Pages: ar 1, en 1" in text and "2 translation pairs made" in text
    assert "12: a [contact-form-7] shortcode was removed" in text and "12: a <script> element was removed" in text
    assert "Not imported (status 'trash'): posts 15" in text and "Not imported (kind 'nav_menu_item'): posts 16" in text
    assert "12 → news/hmla-ttlq-dlyl-al-aman-al-rqmy" in text


def test_the_imported_site_builds_and_every_old_address_leads_to_its_page_in_chromium(imported, browser):
    site, uploads, _ = imported
    report = site.build()  # no error, no warning
    page = site.read("publications/digital-privacy-report/index.html")
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page and "<iframe" not in page
    redirects = [line.split() for line in site.read("_redirects").splitlines()]
    aliases = {rule[0]: rule[1] for rule in redirects if len(rule) == 3}
    queries = {rule[1]: rule[2] for rule in redirects if len(rule) == 4 and rule[0] == "/" and rule[3] == "301!"}
    assert len(aliases) == 7 and len(queries) + len(aliases) == len(redirects)
    # every imported item's ?p= / ?page_id= leads to its new page, on hosts that read `_redirects`
    assert queries["p=10"] == "/publications/digital-privacy-report/" and queries["page_id=13"] == "/en/about-us/"
    record = json.loads((site.content / "data/wordpress-import.yaml").read_text(encoding="utf-8"))
    assert {number for number in record["items"]} <= {rule.split("=")[1] for rule in queries}
    assert aliases[quote("/من-نحن/")] == "/about-us/"
    assert aliases["/en/2023/02/20/digital-privacy-report/cover/"] == "/en/publications/digital-privacy-report/"
    with serve(site.output) as base:
        tab = browser.new_page()
        requests = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.goto(base + "/publications/digital-privacy-report/")
        assert tab.locator("h1").first.inner_text() == "تقرير الخصوصية الرقمية"
        assert tab.locator("main img").count() >= 1
        assert tab.get_by_role("link", name="شاهدوا الفيديو على youtube.com").count() == 1
        assert axe_violations(tab) == []
        tab.goto(base + "/news/hmla-ttlq-dlyl-al-aman-al-rqmy/")
        assert "<script>" in tab.locator("main").inner_text()  # the text a post showed, shown as text
        assert axe_violations(tab) == []
        tab.goto(base + "/en/publications/digital-privacy-report/")
        assert "Key findings" in tab.locator("main").inner_text()
        assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]
        for old, new in aliases.items():
            tab.goto(base + old)
            tab.wait_for_url(base + new, timeout=5000)
            assert tab.url == base + new
        tab.close()
    assert report.addresses["/2023/02/20/تقرير-الخصوصية-الرقمية/"] == "publications/digital-privacy-report.ar.md"
    assert not any("?" in address for address in report.addresses)  # a query is the host's, never the ledger's
    with serve_query_rules(site.output) as base:  # a host that applies `_redirects` query rules, as Netlify does
        tab = browser.new_page()
        for rule, new in queries.items():
            tab.goto(f"{base}/?{rule}&fbclid=x")
            assert tab.url == base + new
        tab.close()
    java, vnu = shutil.which("java"), ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
    pages = [site.output / rel for rel in ("publications/digital-privacy-report/index.html", "about-us/index.html",
                                           "en/publications/digital-privacy-report/index.html",
                                           "news/hmla-ttlq-dlyl-al-aman-al-rqmy/index.html")]
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    assert json.loads(result.stderr or result.stdout)["messages"] == []


@contextlib.contextmanager
def serve_query_rules(folder):
    """Serve `folder` applying its `_redirects` query rules ('/ p=12 /new/ 301!'), the way Netlify does."""
    rules = {}
    for line in (Path(folder) / "_redirects").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) == 4:
            key, _, value = fields[1].partition("=")
            rules[(fields[0], key, value)] = fields[2]

    class Handler(QuietHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            for key, values in parse_qs(parts.query).items():
                target = rules.get((parts.path, key, values[0]))
                if target:
                    self.send_response(301)
                    self.send_header("Location", target)
                    self.end_headers()
                    return
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_second_import_changes_no_file_and_a_newer_export_adds_and_reports_conflicts(imported):
    site, uploads, _ = imported
    before = tree_digest(site.content)
    again = import_into(site, wx.export(), uploads)
    assert tree_digest(site.content) == before
    assert "Files: 0 new, 0 updated, 11 unchanged" in "\n".join(again)
    edited = site.content / "news/hmla-ttlq-dlyl-al-aman-al-rqmy.ar.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nسطر أضافه فريق التحرير.\n", encoding="utf-8")
    newer = wx.export().replace(b"\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84\xd8\xa7\xd9\x8b", b"\xd8\xaf\xd9\x84\xd9\x8a\xd9\x84")
    newer = newer.replace(b"</channel>", wx.item(30, "post", "New statement", "new-statement",
                                                  f"{wx.BASE}/en/2024/01/01/new-statement/", "<p>Now.</p>",
                                                  "en").encode() + b"</channel>")
    text = "\n".join(import_into(site, newer, uploads))
    assert "Files: 1 new, 0 updated, 10 unchanged" in text
    assert "Conflict: news/hmla-ttlq-dlyl-al-aman-al-rqmy.ar.md was edited since the last import" in text
    assert "سطر أضافه فريق التحرير" in edited.read_text(encoding="utf-8")  # kept
    assert "Translation: none" in (site.content / "news/new-statement.en.md").read_text(encoding="utf-8")
    site.build()


def test_the_first_import_writes_the_map_with_counts_and_builds_with_defaults(tmp_path):
    site = TinySite(tmp_path)
    report = "\n".join(import_into(site, wx.export(), wx.write_uploads(tmp_path / "uploads"), mapping=None))
    mapping = (site.content / "data/wordpress-map.yaml").read_text(encoding="utf-8")
    assert '"reports":  # Reports — 1\n    folder:\n    type:\n    topic:' in mapping
    assert '"خصوصية":  # خصوصية — 1\n    topic:' in mapping
    assert "Wrote" in report and "no mapped category, put in news/ — posts 10, 11, 12" in report
    assert "unmapped tags, no topic given: privacy (1), خصوصية (1)" in report
    assert (site.content / "news/digital-privacy-report.ar.md").is_file()
    site.build()
    (site.content / "data/wordpress-map.yaml").write_text(wx.MAPPING, encoding="utf-8")  # staff fill it in
    again = "\n".join(import_into(site, wx.export(), tmp_path / "uploads"))
    assert "Moved: news/digital-privacy-report.ar.md → publications/digital-privacy-report.ar.md" in again
    assert not (site.content / "news/digital-privacy-report.ar.md").exists()
    assert "Type: report" in (site.content / "publications/digital-privacy-report.en.md").read_text(encoding="utf-8")
    site.build()


def test_a_mistake_in_the_map_names_its_line(tmp_path):
    from bilingual.errors import ContentError
    site = TinySite(tmp_path)
    with pytest.raises(ContentError) as caught:
        import_into(site, wx.export(), mapping="categories:\n  reports:\n    folder: publications\n    type: poem\n")
    assert "data/wordpress-map.yaml:4: unknown publication type 'poem'" in caught.value.describe("en")
    (site.content / "data/wordpress-map.yaml").write_text("tags:\n  privacy:\n    topic: cats\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        import_into(site, wx.export())
    assert ":3: unknown topic 'cats'" in caught.value.describe("en")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title></channel></rss>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&secret;</title></channel></rss>"""


@pytest.mark.parametrize("data, words", [
    (BILLION_LAUGHS, "declares a DTD or entities"),
    (EXTERNAL, "declares a DTD or entities"),
    (b"<rss><channel><item>", "not well-formed XML (line 1)"),
    (b"<html><body>hello</body></html>", "not a WordPress export"),
])
def test_a_hostile_or_wrong_export_is_refused_without_expanding_anything(data, words):
    with pytest.raises(ExportError) as caught:
        parse_export(data)
    assert words in str(caught.value.args[0])


def test_hostile_bodies_and_uploads_are_neutralised_and_the_site_still_builds(tmp_path):
    site = TinySite(tmp_path)
    uploads = wx.write_uploads(tmp_path / "uploads")
    (tmp_path / "secret.jpg").write_bytes(wx.jpeg())
    (uploads / "2023/02/link.jpg").symlink_to(tmp_path / "secret.jpg")
    (uploads / "2023/02/page.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
    up = f"{wx.BASE}/wp-content/uploads"
    hostile = (f'<p><a href="javascript:alert(1)">click</a> <a href="data:text/html,x">data</a> '
               f'<img src="https://evil.example/track.gif" alt="pixel"> <img src="{up}/2023/02/link.jpg" alt="a"> '
               f'<img src="{up}/../../../../etc/passwd.jpg" alt="b"> <img src="{up}/2023/02/page.jpg" alt="c"> '
               f'<img src="{up}/2023/%2e%2e/%2e%2e/secret.jpg" alt="d"></p>'
               '<p onclick="x()" style="color:red">&lt;img src=x onerror=alert(1)&gt; <b>bold</b></p>'
               '<iframe src="https://www.youtube.com/embed/xyz"></iframe><form action="https://evil.example">'
               '<input name="q"></form><object data="x.swf"></object>[audio src="x.mp3"]')
    export = wx.wxr([wx.item(40, "post", 'Hostile <script>alert("t")</script> & title', "hostile",
                             f"{wx.BASE}/en/hostile/", hostile, "en")])
    text = "\n".join(import_into(site, export, uploads))
    written = (site.content / "news/hostile.en.md").read_text(encoding="utf-8")
    assert "javascript:" not in written and "data:text" not in written and "onclick" not in written
    assert "style=" not in written and "<iframe" not in written and "<form" not in written
    assert "[pixel](https://evil.example/track.gif)" in written  # a link, never a picture from elsewhere
    assert "Title: Hostile alert(\"t\") & title" in written
    assert not list((site.content / "images").glob("*")) if (site.content / "images").exists() else True
    assert "an upload's path leaves the uploads folder" in text and "is not what its name says" in text
    report = site.build()
    page = site.read("en/news/hostile/index.html")
    assert "<script>alert" not in page and "onerror" not in page.split("&lt;img", 1)[0]
    assert "evil.example/track.gif" in page and 'src="https://evil.example' not in page
    assert report.warnings == []


def test_transliteration_and_names():
    assert slugs.transliterate("تقرير الخصوصية ٢٠٢٢") == "tqryr-al-khswsya-2022"
    assert slugs.transliterate("حُرّ") == "hr"
    assert slugs.item_slug("digital-privacy-report", wx.AR_REPORT, "تقرير") == ("digital-privacy-report", "english")
    assert slugs.item_slug("", "annual-report", "تقرير") == ("annual-report", "own")
    assert slugs.item_slug("", wx.AR_REPORT, "تقرير الخصوصية") == ("tqryr-al-khswsya", "transliterated")
    assert slugs.file_name("تقرير 2022 (نهائي).PDF") == "tqryr-2022-nhay.pdf"
    assert slugs.decode("%d8%aa") == "ت" and unquote(wx.AR_ABOUT) == "من-نحن"
    assert len(slugs.transliterate("كلمة " * 40)) <= slugs.MAX_SLUG


def test_wpautop_keeps_blocks_and_makes_paragraphs():
    assert body.wpautop("a\nb\n\n<ul><li>x</li></ul>\n\nc") == "<p>a<br>\nb</p>\n<ul>\n<li>x</li>\n</ul>\n<p>c</p>"


def test_the_record_is_sorted_json_and_names_the_new_address_of_every_query(imported):
    site, _, _ = imported
    record = json.loads((site.content / "data/wordpress-import.yaml").read_text(encoding="utf-8"))
    assert record["queries"]["?p=10"] == "/publications/digital-privacy-report/"
    assert record["queries"]["?page_id=13"] == "/en/about-us/"
    assert record["items"]["12"] == "news/hmla-ttlq-dlyl-al-aman-al-rqmy.ar.md"


def test_wpml_translation_groups_pair_items_too(tmp_path):
    site = TinySite(tmp_path)
    items = [wx.item(50, "post", "بيان", quote("بيان"), f"{wx.BASE}/{quote('بيان')}/", "<p>نص البيان.</p>",
                     meta=[("_wpml_import_language_code", "ar"), ("_wpml_import_translation_group", "7")]),
             wx.item(51, "post", "Statement", "statement", f"{wx.BASE}/en/statement/", "<p>The statement.</p>",
                     meta=[("_wpml_import_language_code", "en"), ("_wpml_import_translation_group", "7")]),
             wx.item(52, "page", "News", "news", f"{wx.BASE}/en/news/", "<p>Our news.</p>", "en")]
    text = "\n".join(import_into(site, wx.wxr(items)))
    assert "1 translation pair made" in text
    assert "Translation:" not in (site.content / "news/statement.ar.md").read_text(encoding="utf-8")
    assert (site.content / "news/statement.en.md").is_file()
    assert "Aliases: /en/news/" not in (site.content / "pages/news-2.en.md").read_text(encoding="utf-8")  # a listing
    site.build()
