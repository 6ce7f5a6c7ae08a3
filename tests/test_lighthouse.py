"""`invoke lighthouse` on a tiny site, and the production-like server it (and the search bench) uses."""

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

from conftest import ROOT, TinySite

sys.path.insert(0, str(ROOT))
from deploy.settings import CACHE  # noqa: E402
from tooling import lighthouse  # noqa: E402
from tooling.siteserver import serve, site_headers  # noqa: E402

SITE = {
    "publications/annual-report.ar.md": ("Title: التقرير السنوي\nDate: 2023-03-01\nType: annual-report\n"
                                         "Topics: privacy\nSummary: ما وثّقناه هذا العام.\n\nنص التقرير.\n"),
    "publications/annual-report.en.md": ("Title: Annual report\nDate: 2023-03-01\nType: annual-report\n"
                                         "Topics: privacy\nSummary: What we documented this year.\n\nThe report.\n"),
    "pages/about.ar.md": "Title: عن حملة\nSummary: من نحن.\n\nنص.\n",
    "pages/about.en.md": "Title: About\nSummary: Who we are.\n\nText.\n",
}
# a row of the table: page, language, four scores, then the metrics and the path
ROW = re.compile(r"^(?P<page>\S+)\s+(?P<lang>ar|en)\s+(?P<perf>\d+)\s+(?P<a11y>\d+)\s+(?P<best>\d+)\s+(?P<seo>\d+)\s+"
                 r"[\d.]+\s+[\d.]+\s+\d+\s+[\d.]+\s+[\d.]+\s+(?P<path>/\S*)", re.M)


@pytest.mark.browser
def test_the_task_prints_four_scores_per_page_and_a_tiny_site_meets_the_targets(tmp_path):
    site = TinySite(tmp_path / "site").write(SITE)
    site.build()
    reports = tmp_path / "reports"
    invoke = Path(sys.executable).with_name("invoke")
    done = subprocess.run([str(invoke), "lighthouse", "--output", str(site.output), "--pages", "home",
                           "--reports", str(reports)], cwd=ROOT, capture_output=True, text=True, env=os.environ,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr

    rows = {(m["page"], m["lang"]): m for m in ROW.finditer(done.stdout)}
    assert set(rows) == {("home", "ar"), ("home", "en")}, done.stdout
    assert rows["home", "ar"]["path"] == "/" and rows["home", "en"]["path"] == "/en/"
    for row in rows.values():
        # Performance is printed but not asserted: Lighthouse derives it from timings of the run
        # (simulated from an observed trace, and layout shifts are observed as they happen), so on
        # a shared machine it is a timed assertion in disguise. The other three are pass/fail audits.
        assert 0 <= int(row["perf"]) <= 100
        assert (int(row["a11y"]), int(row["best"]), int(row["seo"])) == (100, 100, 100), done.stdout

    for lang in ("ar", "en"):
        report = json.loads((reports / f"home-{lang}.json").read_text(encoding="utf-8"))
        assert report["configSettings"]["formFactor"] == "mobile"
        assert round(100 * report["categories"]["performance"]["score"]) == int(rows["home", lang]["perf"])
        # served as production serves it: compressed, and nothing from another host
        requests = report["audits"]["network-requests"]["details"]["items"]
        assert requests and all(item["url"].startswith("http://127.0.0.1:") for item in requests)
        stylesheet = next(item for item in requests if item["resourceType"] == "Stylesheet")
        assert stylesheet["transferSize"] < stylesheet["resourceSize"] / 2

def fetch(url, encoding="br"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_server_sends_what_production_sends(tmp_path):
    files = {
        "index.html": "<p>home</p>", "404.html": "<p>لا توجد</p>", "en/404.html": "<p>not found</p>",
        "theme/css/site.css": "body { color: red }" * 50, "search/data/x.json": '{"a": 1}',
        "_headers": "/*\n  X-Frame-Options: DENY\n  Content-Security-Policy: default-src 'self'\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    (tmp_path / "search/data/x.json.br").write_bytes(brotli.compress(b'{"a": "twin"}'))
    server, url = serve(tmp_path, site_headers(tmp_path), CACHE, compress_missing=True)
    try:
        status, headers, body = fetch(f"{url}/theme/css/site.css?v=1")
        assert (status, headers["Content-Encoding"]) == (200, "br")  # compressed on the fly
        assert brotli.decompress(body).decode() == files["theme/css/site.css"]
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"  # PUBLISH's class
        assert headers["Content-Type"] == "text/css; charset=utf-8"
        assert (headers["X-Frame-Options"], headers["Content-Security-Policy"]) == ("DENY", "default-src 'self'")

        assert brotli.decompress(fetch(f"{url}/search/data/x.json")[2]) == b'{"a": "twin"}'  # the precompressed twin
        status, headers, body = fetch(f"{url}/", encoding="identity")
        assert (status, headers["Content-Encoding"], body) == (200, None, b"<p>home</p>")
        assert headers["Cache-Control"] == "public, max-age=300"

        status, _, body = fetch(f"{url}/en/missing/", encoding="identity")
        assert (status, body) == (404, b"<p>not found</p>")  # the language's own 404 page
        status, _, body = fetch(f"{url}/missing/", encoding="identity")
        assert (status, body.decode()) == (404, files["404.html"])
    finally:
        server.shutdown()
        server.server_close()
    server, url = serve(tmp_path)  # production: a file without a twin goes as it is
    try:
        status, headers, body = fetch(f"{url}/theme/css/site.css?v=1")
        assert (status, headers["Content-Encoding"], headers["Cache-Control"]) == (200, None, "no-store")
    finally:
        server.shutdown()
        server.server_close()


def lighthouse_report(scores, audits):
    """The parts of a Lighthouse JSON report the table reads: {category: score 0–1}, {id: (score, weight, category)}."""
    metrics = {m: {"id": m, "title": m, "score": 1, "numericValue": 1000.0} for m in lighthouse.METRICS}
    found = {i: {"id": i, "title": f"title of {i}", "score": s, "scoreDisplayMode": "binary"}
             for i, (s, _, _) in audits.items()}
    categories = {c: {"score": scores[c], "auditRefs": [{"id": i, "weight": w} for i, (_, w, cat) in audits.items()
                                                        if cat == c]} for c in lighthouse.CATEGORIES}
    return {"categories": categories, "audits": {**metrics, **found}}


def test_the_table_marks_a_page_below_a_target_and_names_the_audits_that_cost_it():
    report = lighthouse_report(
        {"performance": 0.97, "accessibility": 1, "best-practices": 0.96, "seo": 1},
        {"errors-in-console": (0, 1, "best-practices"), "deprecations": (1, 1, "best-practices"),
         "layout-shifts": (0.5, 0, "performance"), "uses-long-cache-ttl": (0.95, 0, "performance"),
         "target-size": (0, 0, "accessibility")})  # weight 0 and accessibility at 100: not listed
    result = lighthouse.summarize("home", "ar", "", report)
    assert result.scores == {"performance": 97, "accessibility": 100, "best-practices": 96, "seo": 100}
    assert result.missed() == ["performance", "best-practices"]
    assert [audit_id for _, audit_id, _, _ in result.failing] == ["layout-shifts", "errors-in-console"]
    table = lighthouse.render_table([result, lighthouse.summarize("home", "en", "en/", lighthouse_report(
        dict.fromkeys(lighthouse.CATEGORIES, 1), {}))])
    assert re.search(r"^home\s+ar\s+97\s+100\s+96\s+100\s.*  / \*$", table, re.M)
    assert re.search(r"^home\s+en\s+100\s+100\s+100\s+100\s.*  /en/$", table, re.M)
    assert "errors-in-console: title of errors-in-console" in table and "target-size" not in table


def test_pages_are_named_or_given_as_paths_in_every_language():
    assert lighthouse.page_paths(["search", "about/"], ["ar", "en"], "ar") == [
        ("search", "ar", "search/?q=%D8%A7%D9%84%D8%AE%D8%B5%D9%88%D8%B5%D9%8A%D8%A9"),
        ("search", "en", "en/search/?q=privacy"), ("about/", "ar", "about/"), ("about/", "en", "en/about/")]
    with pytest.raises(lighthouse.LighthouseError, match="unknown page 'hom'"):
        lighthouse.page_paths(["hom"], ["ar"], "ar")
