"""Addresses never break (plugins/addresses): in a real git repository, a renamed item's old address
redirects, a deleted one stops the build until staff choose a redirect or "gone", `Aliases:` redirect;
the ledger is what `invoke publish` records; hostile addresses are refused with their file and line."""

import json
import os
import shutil
import subprocess

import pytest

from addresses.history import renames
from addresses.ledger import read_ledger, write_ledger
from addresses.paths import check_address
from bilingual.errors import BuildError
from conftest import ROOT, TinySite, serve, tree_digest

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
GIT_ENV = {"GIT_AUTHOR_NAME": "Staff", "GIT_AUTHOR_EMAIL": "staff@example.org", "GIT_COMMITTER_NAME": "Staff",
           "GIT_COMMITTER_EMAIL": "staff@example.org", "GIT_AUTHOR_DATE": "2024-01-01T12:00:00+00:00",
           "GIT_COMMITTER_DATE": "2024-01-01T12:00:00+00:00", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
ITEMS = {
    "publications/report.ar.md": "Title: تقرير\nDate: 2023-02-20\nType: report\nSummary: تقرير.\n\nنص.\n",
    "publications/report.en.md": "Title: A report\nDate: 2023-02-20\nType: report\nSummary: A report.\n\nText.\n",
    "news/statement.ar.md": "Title: بيان\nDate: 2023-03-01\nSummary: بيان.\n\nنص.\n",
    "news/statement.en.md": "Title: A statement\nDate: 2023-03-01\nSummary: A statement.\n\nText.\n",
    # listings stay (an emptied listing is an address that went away too)
    "publications/survey.ar.md": "Title: استطلاع\nDate: 2023-01-20\nType: report\nSummary: استطلاع.\n\nنص.\n",
    "publications/survey.en.md": "Title: A survey\nDate: 2023-01-20\nType: report\nSummary: A survey.\n\nText.\n",
    "news/visit.ar.md": "Title: زيارة\nDate: 2023-01-01\nSummary: زيارة.\n\nنص.\n",
    "news/visit.en.md": "Title: A visit\nDate: 2023-01-01\nSummary: A visit.\n\nText.\n",
}


class GitSite(TinySite):
    """A TinySite whose folder is a git repository; commits have a fixed author and date."""

    def __init__(self, root):
        super().__init__(root)
        self.write(ITEMS)
        # as in the site's repository: what builds leave (the old output a build removes in the background) is
        # not content, and `git add -A` must not meet a folder while it is being removed
        (self.root / ".gitignore").write_text("output/\n.output-*/\n.output.lock\n.cache/\n", encoding="utf-8")
        self.git("init", "-q", "-b", "main")
        self.commit("first")

    def git(self, *args):
        env = {**os.environ, **GIT_ENV}
        return subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True)

    def commit(self, message):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def publish(self):
        """What `invoke publish` records after an upload: the build's addresses, in the ledger."""
        report = self.build()
        write_ledger(report.ledger_file, report.addresses)
        self.commit("published")
        return report

    def stopped(self):
        with pytest.raises(BuildError) as caught:
            self.build()
        return caught.value.describe("en")


def final_url(browser, base, address):
    page = browser.new_page()
    try:
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + address)
        page.wait_for_url(lambda url: not url.endswith(address), timeout=5000)
        page.wait_for_load_state("load")
        return page.url, requests
    finally:
        page.close()


def test_a_renamed_item_redirects_from_its_old_address_in_chromium(tmp_path, browser):
    site = GitSite(tmp_path)
    site.publish()
    ledger = read_ledger(site.content / "data/addresses.txt", "data/addresses.txt")
    assert ledger["/publications/report/"][0] == "publications/report.ar.md"
    assert ledger["/en/publications/report/"][0] == "publications/report.en.md"
    site.git("mv", "content/publications/report.ar.md", "content/publications/digital-rights-2023.ar.md")
    site.git("mv", "content/publications/report.en.md", "content/publications/digital-rights-2023.en.md")
    site.commit("a better slug")
    report = site.build()
    assert sorted(report.redirect_pages) == ["en/publications/report/index.html", "publications/report/index.html"]
    assert "/en/publications/report/ /en/publications/digital-rights-2023/ 301\n" in site.read("_redirects")
    assert '"/publications/report/" "/publications/digital-rights-2023/";\n' in site.read("_redirects.map")
    page = site.read("en/publications/report/index.html")
    assert '<link rel="canonical" href="https://7amleh.org/en/publications/digital-rights-2023/">' in page
    assert 'lang="en" dir="ltr"' in page and "sitemap" not in page
    assert "publications/report/" not in site.read("sitemap.xml")
    with serve(site.output) as base:
        for address, new in [("/publications/report/", "/publications/digital-rights-2023/"),
                             ("/en/publications/report/", "/en/publications/digital-rights-2023/")]:
            url, requests = final_url(browser, base, address)
            assert url == base + new
            assert all(request.startswith(base) for request in requests)  # nothing from another host
    # The next publish records the file that answers the old address now: no history needed after it.
    report = site.publish()
    assert report.addresses["/publications/report/"] == "publications/digital-rights-2023.ar.md"
    site.git("mv", "content/publications/digital-rights-2023.ar.md", "content/news/digital-rights-2023.ar.md")
    site.git("mv", "content/publications/digital-rights-2023.en.md", "content/news/digital-rights-2023.en.md")
    for lang in ("ar", "en"):  # a news item has no type; git still sees a move
        path = site.content / f"news/digital-rights-2023.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Type: report\n", ""), encoding="utf-8")
    site.commit("moved to news")
    site.build()
    assert "/publications/report/ /news/digital-rights-2023/ 301" in site.read("_redirects")  # one hop, not two
    assert "/publications/digital-rights-2023/ /news/digital-rights-2023/ 301" in site.read("_redirects")


def test_a_deleted_item_stops_the_build_until_staff_choose_a_redirect_or_gone(tmp_path):
    site = GitSite(tmp_path)
    site.publish()
    (site.content / "news/statement.ar.md").unlink()
    (site.content / "news/statement.en.md").unlink()
    site.commit("withdrawn")
    before = tree_digest(site.output)
    said = site.stopped()
    assert "news/statement.ar.md: /news/statement/ was published (from news/statement.ar.md) and no longer exists" in said
    assert "/en/news/statement/ was published (from news/statement.en.md)" in said
    assert "data/redirects.yaml" in said and "'/news/statement/: gone'" in said
    assert "'/news/statement/: /another/address/'" in said
    assert tree_digest(site.output) == before  # the previous output survives

    # choice 1: a redirect to another page
    site.write({"data/redirects.yaml": "/news/statement/: /publications/report/\n"
                                       "/en/news/statement/: /en/publications/report/\n"})
    site.build()
    assert "0; url=/en/publications/report/" in site.read("en/news/statement/index.html")
    assert "/news/statement/ /publications/report/ 301\n" in site.read("_redirects")

    # choice 2: gone — no page at the address, a 410 with the gone page of its language
    site.write({"data/redirects.yaml": "/news/statement/: gone\n/en/news/statement/: gone\n"})
    report = site.build()
    assert not (site.output / "news/statement").exists() and report.redirect_pages == []
    assert site.read("_redirects") == "/en/news/statement/ /en/gone.html 410\n/news/statement/ /gone.html 410\n"
    assert '"/news/statement/" "gone /gone.html";' in site.read("_redirects.map")
    gone = site.read("en/gone.html")
    assert '<meta name="robots" content="noindex">' in gone and "removed" in gone and 'lang="en"' in gone
    assert 'lang="ar"' in site.read("gone.html")
    assert report.addresses["/news/statement/"] == "news/statement.ar.md"  # still in the ledger, for good


def test_aliases_redirect_and_the_redirect_page_is_valid_html(tmp_path, browser):
    site = GitSite(tmp_path)
    site.write({"publications/report.ar.md": "Title: تقرير\nDate: 2023-02-20\nType: report\nSummary: تقرير.\n"
                                             "Aliases: /ar/old-report.html, /reports/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1/\n"
                                             "\nنص.\n"})
    report = site.build()
    assert report.addresses["/ar/old-report.html"] == "publications/report.ar.md"
    assert (site.output / "reports/تقرير/index.html").is_file()
    assert "/reports/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1/ /publications/report/ 301" in site.read("_redirects")
    with serve(site.output) as base:
        url, _ = final_url(browser, base, "/ar/old-report.html")
        assert url == base + "/publications/report/"
    java = shutil.which("java")
    assert java and VNU.is_file()
    pages = [site.output / "ar/old-report.html", site.output / "gone.html", site.output / "en/gone.html"]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    assert json.loads(result.stderr or result.stdout)["messages"] == []
    page = site.read("ar/old-report.html")
    assert 'http-equiv="Content-Security-Policy"' in page and "<script" not in page
    assert all(src.startswith(("/", "https://7amleh.org/")) for src in _urls(page))


def _urls(html):
    import re
    return re.findall(r'(?:href|src|url)="?=?([^" >]+)', html)


HOSTILE = [
    ("https://evil.example/x", "another site"),
    ("//evil.example/x/", "another site"),
    ("javascript:alert(1)", "another site"),
    ("/../../etc/passwd", "'..'"),
    ("/a/%2e%2e/b/", "'..'"),
    ("/a/%252e/", "characters"),
    ("/x/?q=1", "has a query"),
    ("/?s=<script>", "has a query"),
    ("/?p=12&q=1", "has a query"),
    ("/?p=12x", "has a query"),
    ("/?p=0", "has a query"),
    ("/news/?p=12", "has a query"),
    ("/?p=1234567890123", "has a query"),
    ("//evil.example/?p=1", "another site"),
    ('/x/"onload="a', "characters"),
    ("/.well-known/x", "hidden"),
    ("/theme/x/", "inside theme/"),
    ("/publications/page/2/", "later page"),
    ("/report.pdf", "does not name a page"),
    ("/" + "a" * 400, "characters long"),
]


@pytest.mark.parametrize("alias, words", HOSTILE)
def test_a_hostile_alias_is_refused_with_its_file_and_line(tmp_path, alias, words):
    site = TinySite(tmp_path).write({"news/x.ar.md": f"Title: خبر\nDate: 2023-01-01\nAliases: {alias}\n\nنص.\n"})
    with pytest.raises(BuildError) as caught:
        site.build()
    said = caught.value.describe("en")
    assert "news/x.ar.md:3:" in said and words in said


def test_too_many_aliases_and_an_alias_that_is_a_page_are_refused(tmp_path):
    many = ", ".join(f"/old/{n}/" for n in range(51))
    site = TinySite(tmp_path).write({**ITEMS, "news/x.ar.md": f"Title: خبر\nDate: 2023-01-01\nAliases: {many}\n\nنص.\n"})
    with pytest.raises(BuildError) as caught:
        site.build()
    assert "news/x.ar.md:3: 51 addresses in 'Aliases:'; at most 50" in caught.value.describe("en")
    site.write({"news/x.ar.md": "Title: خبر\nDate: 2023-01-01\nAliases: /news/statement/\n\nنص.\n"})
    with pytest.raises(BuildError) as caught:
        site.build()
    assert "news/x.ar.md:3: /news/statement/ is the address of a page of the site" in caught.value.describe("en")
    site.write({"news/x.ar.md": "Title: خبر\nDate: 2023-01-01\nAliases: /404.html\n\nنص.\n"})
    with pytest.raises(BuildError) as caught:
        site.build()
    assert "news/x.ar.md:3: /404.html would replace 404.html" in caught.value.describe("en")


@pytest.mark.parametrize("text, where, words", [
    ("/old/: https://evil.example/\n", ":1:", "another site"),
    ("/old/: javascript:alert(1)\n", ":1:", "another site"),
    ("/old/: /../secret/\n", ":1:", "'..'"),
    ("/old/: /no-such-page/\n", ":1:", "is not a page of the site"),
    ("/news/statement/: gone\n", ":1:", "is the address of a page"),
    ("/ok/: gone\nhttps://evil.example/: gone\n", ":2:", "another site"),
    ("/old/: 12\n", ":1:", "neither an address nor 'gone'"),
    ("- /old/\n", ":1:", "expected lines"),
    ("a: &x gone\nb: *x\n", ":1:", "anchors and aliases"),
    ("/old/: [/a/, /b/]\n", ":1:", "expected a single value"),
])
def test_a_bad_line_in_the_redirects_file_names_the_file_and_line(tmp_path, text, where, words):
    site = TinySite(tmp_path).write({**ITEMS, "data/redirects.yaml": text})
    with pytest.raises(BuildError) as caught:
        site.build()
    said = caught.value.describe("en")
    assert f"data/redirects.yaml{where}" in said and words in said


def test_a_broken_ledger_line_names_its_line(tmp_path):
    site = TinySite(tmp_path).write({**ITEMS, "data/addresses.txt": "/news/statement/\nhttps://evil.example/\n"})
    with pytest.raises(BuildError) as caught:
        site.build()
    assert "data/addresses.txt:2:" in caught.value.describe("en")


def test_a_listings_later_page_that_went_away_leads_to_the_listing(tmp_path):
    site = TinySite(tmp_path).write({**ITEMS, "data/addresses.txt": "/news/page/2/\n/news/\n"})
    site.build()
    assert "/news/page/2/ /news/ 301" in site.read("_redirects")


def test_the_same_input_gives_the_same_redirects(tmp_path):
    site = GitSite(tmp_path)
    site.write({"data/redirects.yaml": "/old/: /news/statement/\n/older/: gone\n"})
    site.build()
    first = tree_digest(site.output)
    shutil.rmtree(site.output)
    site.build()
    assert tree_digest(site.output) == first


def test_renames_follow_chains_and_renames_back(tmp_path):
    site = GitSite(tmp_path)
    for old, new in [("report", "a"), ("a", "b"), ("statement", "s2"), ("s2", "statement")]:
        folder = "publications" if old in ("report", "a") else "news"
        site.git("mv", f"content/{folder}/{old}.ar.md", f"content/{folder}/{new}.ar.md")
        site.commit(f"{old} → {new}")
    moved = renames(site.content)
    assert moved["publications/report.ar.md"] == moved["publications/a.ar.md"] == "publications/b.ar.md"
    assert "news/statement.ar.md" not in moved and moved["news/s2.ar.md"] == "news/statement.ar.md"
    assert renames(tmp_path / "nowhere") == {}


def test_address_rules():
    assert check_address("/تقرير/")[0] == "/تقرير/"
    assert check_address("/%D8%AA/")[0] == "/ت/"
    assert check_address("/a/b.html")[0] == "/a/b.html"
    assert check_address("/a/%ff/")[0] is None  # escapes of no text


def test_publish_records_the_ledger_after_a_successful_upload(tmp_path, capsys, monkeypatch):
    """`invoke publish` end to end to a local rsync target: the ledger is written after the upload, and a
    redirect page is protected from the deletion pass."""
    assert shutil.which("rsync")
    from invoke import Context

    from tasks import CONFIG, publish

    site = GitSite(tmp_path)
    monkeypatch.setitem(CONFIG, "content", site.content)
    conf = tmp_path / "live-conf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
                    f"PATH = {str(site.content)!r}\nTHEME = {str(ROOT / 'themes/base')!r}\n"
                    f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                    f"PUBLISH = {{'target': 'live', 'targets': {{'live': {{'method': 'rsync', "
                    f"'destination': {str(tmp_path / 'live') + '/'!r}}}}}}}\n", encoding="utf-8")
    publish(Context(), settings=str(conf), dry_run=True)
    assert not (site.content / "data/addresses.txt").exists()  # a dry run records nothing
    publish(Context(), settings=str(conf))
    ledger = read_ledger(site.content / "data/addresses.txt", "data/addresses.txt")
    assert "/en/news/statement/" in ledger and "/publications/report/" in ledger and "/" in ledger
    assert not any(address.startswith(("/_reports/", "/drafts/")) for address in ledger)
    assert "Recorded" in capsys.readouterr().out
    site.commit("published")
    site.git("mv", "content/news/statement.ar.md", "content/news/statement-2023.ar.md")
    site.git("mv", "content/news/statement.en.md", "content/news/statement-2023.en.md")
    site.commit("renamed")
    transfers = publish(Context(), settings=str(conf))
    live = tmp_path / "live"
    assert "0; url=https://7amleh.org/news/statement-2023/" in (live / "news/statement/index.html").read_text()
    # the redirect pages stay on the server (the old address's share card goes: a redirect has none)
    assert not any(t.action == "delete" and t.path.startswith(("news/statement/", "en/news/statement/"))
                   for t in transfers)
    assert read_ledger(site.content / "data/addresses.txt", "x")["/news/statement/"][0] == "news/statement-2023.ar.md"


def test_committed_nginx_redirects_snippet_is_what_the_settings_produce():
    from tasks import CONFIG, nginx_redirects_snippet

    assert CONFIG["nginx_redirects"].read_text(encoding="utf-8") == nginx_redirects_snippet(CONFIG["settings_publish"])
    assert "include /var/www/7amleh.org/_redirects.map;" in CONFIG["nginx_redirects"].read_text(encoding="utf-8")
    assert ('map "$uri?p=$arg_p&page_id=$arg_page_id&attachment_id=$arg_attachment_id" $old_query_7amleh {\n'
            '    default "";\n    include /var/www/7amleh.org/_redirects.query.map;') in CONFIG["nginx_redirects"].read_text(
        encoding="utf-8")


def test_wordpress_query_addresses_are_aliases_redirected_by_the_host_never_by_a_page(tmp_path):
    assert [check_address(a, queries=True)[0] for a in ("/?p=12", "/?page_id=45", "/?attachment_id=67")] == [
        "/?p=12", "/?page_id=45", "/?attachment_id=67"]
    assert check_address("/?p=12")[0] is None  # only where queries are asked for (`Aliases:`)
    site = TinySite(tmp_path).write({**ITEMS, "news/x.ar.md": "Title: خبر\nDate: 2023-01-01\nSummary: خبر.\n"
                                                             "Aliases: /?p=12, /?attachment_id=7\n\nنص.\n"})
    report = site.build()
    assert "/ p=12 /news/x/ 301!\n" in site.read("_redirects")
    assert "/ attachment_id=7 /news/x/ 301!\n" in site.read("_redirects")
    assert site.read("_redirects.query.map") == ('"/?p=&page_id=&attachment_id=7" "/news/x/";\n'
                                                 '"/?p=12&page_id=&attachment_id=" "/news/x/";\n')
    assert "?" not in site.read("_redirects.map")
    assert not any("?" in path.as_posix() for path in site.output.rglob("*"))  # no page for it
    assert not any("?" in address for address in report.addresses)  # nor a line of the ledger
    # two items claiming the same query address: an error naming both
    site.write({"news/y.ar.md": "Title: خبر\nDate: 2023-01-02\nSummary: خبر.\nAliases: /?p=12\n\nنص.\n"})
    with pytest.raises(BuildError) as caught:
        site.build()
    assert "news/y.ar.md:4: /?p=12 is also claimed by news/x.ar.md:4" in caught.value.describe("en")
