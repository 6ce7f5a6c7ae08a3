"""In Chromium: payloads planted in every field a person writes that reaches a page — titles,
summaries, bodies, vocabularies, dataset labels, campaign texts — run no script, navigate
nowhere and request nothing from another host: under the site's own headers, and again with
no headers at all (the <meta> policy alone, as on a host that forgot them)."""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from bilingual.build import build_site
from conftest import ROOT, SETTINGS, TinySite, serve
from privacy.headers import parse_headers_file

pytestmark = pytest.mark.browser

OTHER_HOST = "http://127.0.0.2:9"  # another address: a request there has left the site
SCRIPT = "<script>window.__pwned='script'</script>"
IMAGE = f'<img src="{OTHER_HOST}/pixel.gif" onerror="window.__pwned=\'handler\'">'
PAYLOAD = f'{SCRIPT}"><{IMAGE}<!--<script>'  # as text in a title: escaped; in JSON-LD: \u003c…
YAML_PAYLOAD = json.dumps(SCRIPT + IMAGE)  # JSON's string is YAML's double-quoted string


def plant(site):
    codes = (ROOT / "tests/charts/codes.yaml").read_text(encoding="utf-8").replace(
        "en: Facebook", f"en: {YAML_PAYLOAD}")
    dataset = (ROOT / "tests/charts/q1.yaml").read_text(encoding="utf-8").replace(
        "en: Violations in the first quarter", f"en: {YAML_PAYLOAD}").replace("methodology: /about/\n", "")
    site.write({
        "data/topics.yaml": f"privacy:\n  ar: الخصوصية\n  en: {YAML_PAYLOAD}\n",
        "data/authors.yaml": f"7amleh:\n  ar: حملة\n  en: {YAML_PAYLOAD}\n  kind: organization\n",
        "data/violation-codes.yaml": codes,
        "data/violations/q1.yaml": dataset,
        "publications/report.en.md": (f"Title: Report {PAYLOAD}\nDate: 2023-01-01\nType: report\nTopics: privacy\n"
                                      f"Authors: 7amleh\nSummary: A *summary* with `{SCRIPT}` as code\n\n"
                                      "Text with an [outside link](https://evil.example/) and "
                                      f"<font color=red>old markup</font>.\n\n{{chart q1 by=platform}}\n\n"
                                      f"[![A still of the partner's video]({{static}}/images/poster.png)]"
                                      f"({OTHER_HOST}/watch)\n\n    {IMAGE}\n"),
        "publications/report.ar.md": (f"Title: تقرير {PAYLOAD}\nDate: 2023-01-01\nType: report\nTopics: privacy\n"
                                      "Authors: 7amleh\nSummary: ملخّص.\n\nنص.\n"),
        "news/item.en.md": f"Title: News {PAYLOAD}\nDate: 2023-02-01\nSummary: s\n\n`{IMAGE}`\n",
        "campaigns/fair/campaign.yaml": (f"title: {{ar: حملة, en: {YAML_PAYLOAD}}}\n"
                                         f"description: {{ar: وصف, en: {YAML_PAYLOAD}}}\nstatus: active\n"
                                         "start: 2023-03-01\npartners:\n"
                                         f"  - name: {{ar: شريك, en: {YAML_PAYLOAD}}}\n"
                                         "    url: https://partner.example.org/\n"),
        "campaigns/fair/index.ar.md": "Title: حملة\n\nنص.\n",
        "campaigns/fair/index.en.md": f"Title: Home {PAYLOAD}\n\nText.\n",
    })
    from PIL import Image

    (site.content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (640, 360), (11, 85, 99)).save(site.content / "images" / "poster.png")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = TinySite(tmp_path_factory.mktemp("hostile"))
    plant(site)
    report = build_site(SETTINGS, content=site.content, output=site.output)
    assert any("<font> is not used" in w.describe() for w in report.check_warnings)
    return site.output


PAGES = ["en/publications/report/", "publications/report/", "en/news/item/", "en/", "", "en/topics/privacy/",
         "en/authors/7amleh/", "en/campaigns/fair/", "en/data/", "en/feeds/all.atom.xml",
         "en/search/?q=report"]  # the search page shows the titles from the index


@pytest.mark.parametrize("headers", ["site headers", "no headers (meta policy alone)"])
def test_planted_payloads_run_nothing_and_request_nothing_elsewhere(browser, hostile_site, headers):
    sent = parse_headers_file((hostile_site / "_headers").read_text(encoding="utf-8"))["/*"] \
        if headers == "site headers" else []
    with serve(hostile_site, headers=sent) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            requests, dialogs, frames = [], [], []
            page.on("request", lambda request: requests.append(request.url))
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("framenavigated", lambda frame: frames.append(frame.url))
            for path in PAGES:
                page.goto(f"{base}/{path}", wait_until="networkidle")
                page.wait_for_timeout(100)  # a handler would have fired by now
                assert page.evaluate("window.__pwned") is None, path
                assert page.url == f"{base}/{path}", f"{path}: navigated away to {page.url}"
                if path.endswith("/"):
                    assert page.locator("main").inner_text().strip(), f"{path}: the body is blank"
            elsewhere = [url for url in requests + frames if urlsplit(url).hostname not in ("127.0.0.1", None)]
            assert elsewhere == [] and dialogs == []
        finally:
            context.close()


ADDRESSES = {"src", "srcset", "href", "action", "formaction", "data", "poster", "xlink:href", "background", "ping"}


class Markup(HTMLParser):
    """What a page's markup (not its text) holds: scripts, on* handlers, addresses of the other host."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.handlers, self.elsewhere = set(), [], []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            self.scripts.add("/theme/" if (values.get("src") or "").startswith("/theme/") else values.get("type"))
        self.handlers += [name for name in values if name.startswith("on")]
        self.elsewhere += [f"{tag} {name}={value}" for name, value in attrs
                           if name in ADDRESSES and "127.0.0.2" in {urlsplit(part.strip()).hostname
                                                                    for part in (value or "").split(",")}]


def test_payloads_are_text_where_they_were_written(hostile_site):
    """The same payloads, read in the built files: escaped as text, never markup, in the pages and
    in the HTML the feeds carry; the one address of the other host left is the link card's, which
    only a visitor's click follows."""
    page = (hostile_site / "en/publications/report/index.html").read_text(encoding="utf-8")
    assert "<h1>Report &lt;script&gt;window.__pwned=" in page
    assert '<p class="link-card"><a href="http://127.0.0.2:9/watch">' in page
    for path in sorted(hostile_site.rglob("*.html")):
        markup = Markup()
        markup.feed(path.read_text(encoding="utf-8"))
        assert markup.scripts <= {"/theme/", "application/ld+json"} and markup.handlers == [], path
        assert markup.elsewhere in ([], ["a href=http://127.0.0.2:9/watch"]), (path, markup.elsewhere)
    for path in sorted(hostile_site.rglob("*.atom.xml")):
        for element in ElementTree.parse(path).iter():
            if element.tag.endswith(("}content", "}summary")):
                markup = Markup()  # the HTML a feed reader will show
                markup.feed(element.text or "")
                assert not markup.scripts and not markup.handlers, (path, element.text)
                assert markup.elsewhere in ([], ["a href=http://127.0.0.2:9/watch"]), (path, markup.elsewhere)
