"""Every kind of bad input stops the build, names the file (and line), and leaves output/ as it was."""

import re
import subprocess
import sys

import pytest

from bilingual.build import build_site
from bilingual.errors import BuildError
from conftest import ROOT, TinySite, tree_digest

CHART_DATA = {name: (ROOT / "tests" / "charts" / name).read_text(encoding="utf-8") for name in ("codes.yaml", "q1.yaml")}

GOOD = {
    "news/first.en.md": "Title: First news\nDate: 2023-02-20\nSummary: A first item.\n\nBody.\n",
    "news/first.ar.md": "Title: الخبر الأول\nDate: 2023-02-20\nSummary: خبر أول.\n\nنص.\n",
    "publications/report.en.md": ("Title: A report\nDate: 2023-01-01\nType: report\nTopics: privacy\n"
                                  "Summary: One report.\n\nBody.\n"),
    "pages/about.en.md": "Title: About\n\nAbout us.\n",
}

CAMPAIGN_YAML = ("title:\n  ar: حملة\n  en: A campaign\ndescription: {ar: وصف, en: About it}\n"
                 "status: active\nstart: 2023-03-01\n")


def campaign(yaml_text=CAMPAIGN_YAML, pages=("ar", "en"), **files):
    """A campaign folder content/campaigns/fair/ with its campaign.yaml and a home page per language."""
    made = {"campaigns/fair/campaign.yaml": yaml_text, **{f"campaigns/fair/{k.replace('_', '.')}": v for k, v in files.items()}}
    made.update({f"campaigns/fair/index.{lang}.md": f"Title: {lang}\n\nText.\n" for lang in pages})
    return made


CAMPAIGN_FILE = "campaigns/fair/campaign.yaml"

# name: (files to add, file the message must name, line it must name or None, words it must contain)
BROKEN = {
    "no title": ({"news/untitled.en.md": "Date: 2023-02-20\n\nBody.\n"},
                 "news/untitled.en.md", 1, "no title"),
    "empty title": ({"news/untitled.en.md": "Date: 2023-02-20\nTitle:\n\nBody.\n"},
                    "news/untitled.en.md", 2, "no title"),
    "unknown language in Lang": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\nLang: fr\n\nBody.\n"},
                                 "news/second.en.md", 3, "unknown language 'fr'"),
    "Lang contradicts the file name": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\nLang: ar\n\nBody.\n"},
                                       "news/second.en.md", 3, "contradicts the file name"),
    "unknown language in file name": ({"news/second.fr.md": "Title: Second\nDate: 2023-02-20\n\nBody.\n"},
                                      "news/second.fr.md", None, "unknown language 'fr'"),
    "unknown type": ({"publications/other.en.md": "Title: Other\nDate: 2023-01-01\nType: reprot\nSummary: s\n\nB.\n"},
                     "publications/other.en.md", 3, "did you mean 'report'?"),
    "publication without type": ({"publications/other.en.md": "Title: Other\nDate: 2023-01-01\nSummary: s\n\nB.\n"},
                                 "publications/other.en.md", 1, "needs a type"),
    "unparseable date": ({"news/second.en.md": "Title: Second\nDate: 20/2/2023\n\nBody.\n"},
                         "news/second.en.md", 2, "'20/2/2023' is not a date"),
    "impossible date": ({"news/second.en.md": "Title: Second\nSummary: s\nDate: 2023-02-30\n\nBody.\n"},
                        "news/second.en.md", 3, "is not a date"),
    "same slug and language twice": ({"publications/first.en.md": ("Title: Clash\nDate: 2023-01-01\nType: guide\n"
                                                                   "Summary: s\n\nB.\n")},
                                     "first.en.md", None, "also used by"),
    "page shadowing a listing": ({"pages/news.en.md": "Title: News page\n\nB.\n"},
                                 "pages/news.en.md", None, "claimed twice"),
    "unknown topic": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\nTopics: privacy, privcy\n\nB.\n"},
                      "news/second.en.md", 3, "unknown topic 'privcy'"),
    "unknown author": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\nAuthors: nobody\n\nB.\n"},
                       "news/second.en.md", 3, "unknown author 'nobody'"),
    "missing PDF": ({"publications/other.en.md": ("Title: Other\nDate: 2023-01-01\nType: guide\nSummary: s\n"
                                                  "PDF: pdfs/missing.pdf\n\nB.\n")},
                    "publications/other.en.md", 5, "does not exist"),
    "PDF outside the static folders": ({"publications/other.en.md": ("Title: Other\nDate: 2023-01-01\nType: guide\n"
                                                                     "Summary: s\nPDF: ../pdfs/x.pdf\n\nB.\n")},
                                       "publications/other.en.md", 5, "how to fix: e.g. 'PDF: pdfs/…'"),
    "cover outside the static folders": ({"news/second.en.md": ("Title: Second\nDate: 2023-02-20\n"
                                                                "Cover: covers/x.jpg\n\nB.\n")},
                                         "news/second.en.md", 3, "how to fix: e.g. 'Cover: images/…'"),
    "unknown status": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\nStatus: drat\n\nB.\n"},
                       "news/second.en.md", 3, "unknown status 'drat'"),
    "Slug override": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\nSlug: first\n\nB.\n"},
                      "news/second.en.md", 3, "'Slug: first' does not agree with the file name, which says 'second'"),
    "file outside the content folders": ({"reports/x.en.md": "Title: X\n\nB.\n"},
                                         "reports/x.en.md", None, "outside the content folders"),
    "malformed topics YAML": ({"data/topics.yaml": "privacy:\n  ar: الخصوصية\n  en: [Privacy\n"},
                              "data/topics.yaml", None, "malformed YAML"),
    "topic without an English label": ({"data/topics.yaml": "privacy:\n  ar: الخصوصية\n"},
                                       "data/topics.yaml", 1, "no label in en"),
    "broken internal link": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\n[x]({filename}nowhere.en.md)\n"},
                             "news/second.en.md", 4, "the link {filename}nowhere.en.md leads to a file that does not exist"),
    "link to another language's item": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\n"
                                                              "[x]({filename}first.ar.md)\n"},
                                        "news/second.en.md", 4, "leads to an item in another language"),
    "negative count in a dataset": ({"data/violation-codes.yaml": CHART_DATA["codes.yaml"],
                                     "data/violations/q1.yaml": CHART_DATA["q1.yaml"].replace("count: 3}", "count: -3}")},
                                    "data/violations/q1.yaml", 16, "negative"),
    "chart line with an unknown dimension": ({"data/violation-codes.yaml": CHART_DATA["codes.yaml"],
                                              "data/violations/q1.yaml": CHART_DATA["q1.yaml"],
                                              "news/chart.en.md": "Title: C\nDate: 2023-02-20\n\n{chart q1 by=platfrom}\n"},
                                             "news/chart.en.md", 4, "did you mean 'platform'?"),
    "dataset methodology link leads nowhere": ({"data/violation-codes.yaml": CHART_DATA["codes.yaml"],
                                                "data/violations/q1.yaml": CHART_DATA["q1.yaml"]},
                                               "data/violations/q1.yaml", 8, "the link /about/ leads to a page or file"),
    "datasets without their codes file": ({"data/violations/q1.yaml": CHART_DATA["q1.yaml"]},
                                          "data/violation-codes.yaml", None, "codes file is missing"),
    "style attribute in Markdown": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\nText.\n\n"
                                                         '<p style="color: red">Red</p>\n'},
                                    "news/second.en.md", 6, "<p style=…> is blocked by the site's security policy"),
    "inline script in Markdown": ({"pages/about.ar.md": "Title: عن\n\n<script>alert(1)</script>\n"},
                                  "pages/about.ar.md", 3, "inline <script> would run code"),
    "event handler in Markdown": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\n"
                                                       '<a href="#" onclick="x()">x</a>\n'},
                                  "news/second.en.md", 4, "<a onclick=…> would run code"),
    "aligned table column": ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\n| a |\n|:-:|\n| 1 |\n"},
                             "news/second.en.md", None, "style=…> is blocked"),
    "campaign: unknown key": (campaign(CAMPAIGN_YAML + "titel: x\n"), CAMPAIGN_FILE, 7, "did you mean 'title'?"),
    "campaign: title missing a language": (campaign(CAMPAIGN_YAML.replace("  en: A campaign\n", "")),
                                           CAMPAIGN_FILE, 2, "the title has no text in en"),
    "campaign: impossible date": (campaign(CAMPAIGN_YAML.replace("2023-03-01", "2023-02-30")),
                                  CAMPAIGN_FILE, 6, "'2023-02-30' is not a date"),
    "campaign: unknown theme": (campaign(CAMPAIGN_YAML + "theme: bolt\n"), CAMPAIGN_FILE, 7, "did you mean 'bold'?"),
    "campaign: unknown language": (campaign(CAMPAIGN_YAML + "languages: [ar, fr]\n"), CAMPAIGN_FILE, 7,
                                   "unknown language 'fr'"),
    "campaign: not a colour": (campaign(CAMPAIGN_YAML + 'colours:\n  primary: "#fff"\n'), CAMPAIGN_FILE, 8,
                               "'#fff' is not a colour"),
    "campaign: unreadable colour": (campaign(CAMPAIGN_YAML + 'colours:\n  accent: "#ffcc00"\n'), CAMPAIGN_FILE, 8,
                                    "contrast of 1.5:1 on white"),
    "campaign: missing logo": (campaign(CAMPAIGN_YAML + "logo: logo.svg\n"), CAMPAIGN_FILE, 7,
                               "'campaigns/fair/logo.svg' does not exist"),
    "campaign: unknown mailing list": (campaign(CAMPAIGN_YAML + "call_to_action:\n  mailing_list: newz\n"),
                                       CAMPAIGN_FILE, 8, "unknown mailing list 'newz'"),
    "campaign: petition not https": (campaign(CAMPAIGN_YAML + "call_to_action:\n  petition: http://example.org/p\n"),
                                     CAMPAIGN_FILE, 8, "is not an https:// address"),
    "campaign: home page missing": (campaign(pages=("ar",)), CAMPAIGN_FILE, None, "home page in 'en' is missing"),
    "campaign: page in a language it lacks": (campaign("title: {ar: حملة}\ndescription: {ar: وصف}\nstatus: active\n"
                                                       "start: 2023-03-01\nlanguages: [ar]\n", pages=("ar",),
                                                       why_en_md="Title: Why\n\nB.\n"),
                                              "campaigns/fair/why.en.md", None, "not published in 'en'"),
    "campaign: menu names no page": (campaign(CAMPAIGN_YAML + "menu: [why]\n"), CAMPAIGN_FILE, 7,
                                     "has no page why.<lang>.md"),
    "campaign: page without a title": (campaign(why_en_md="Date: 2023-01-01\n\nB.\n", why_ar_md="Title: لماذا\n\nB.\n"),
                                       "campaigns/fair/why.en.md", 1, "no title"),
    "campaign: home page as a draft": (campaign(pages=("ar",), index_en_md="Title: Home\nStatus: draft\n\nB.\n"),
                                       "campaigns/fair/index.en.md", 2, "home page cannot be a draft"),
    "campaign: folder without campaign.yaml": ({"campaigns/empty/index.en.md": "Title: x\n\nB.\n"},
                                               "campaigns/empty/campaign.yaml", None, "needs its campaign.yaml"),
    "not UTF-8": ({"news/second.en.md": "Title: Café\nDate: 2023-02-20\n\nB.\n".encode("latin-1")},
                  "news/second.en.md", None, "not UTF-8"),
}


@pytest.fixture
def built(tmp_path):
    site = TinySite(tmp_path).write(GOOD)
    site.build()
    return site


@pytest.mark.parametrize("case", BROKEN)
def test_broken_input_stops_the_build_and_keeps_output(built, case):
    files, path, line, words = BROKEN[case]
    before = tree_digest(built.output)
    built.write(files)
    with pytest.raises(BuildError) as caught:
        built.build()
    message = str(caught.value)
    assert words in message
    if path:
        assert path in message
    if line is not None:
        assert f"{path}:{line}:" in message
    assert tree_digest(built.output) == before
    assert not list(built.root.glob(".output-build-*")), "the staging folder was not cleaned up"


def test_broken_yaml_names_the_line(built):
    built.write({"data/topics.yaml": "privacy:\n  ar: الخصوصية\n  en: Privacy\nsurveillance: [\n"})
    with pytest.raises(BuildError, match=r"data/topics.yaml:\d+: malformed YAML"):
        built.build()


@pytest.mark.parametrize("overrides, words", [
    ({"DEFAULT_LANG": "fr"}, "DEFAULT_LANG 'fr' is not in LANGUAGES"),
    ({"LANGUAGES": {"ar": {"name": "العربية", "dir": "rtl", "locale": "ar"}}}, "lacks og_locale"),
    ({"LANGUAGES": {"ar": {"name": "x", "dir": "up", "locale": "ar", "og_locale": "ar_AR"}}}, "must be 'rtl' or 'ltr'"),
    ({"NUMERALS": "roman"}, "NUMERALS must be one of latn, arab"),
    ({"DATA_DASHBOARD_CHARTS": ["kind=pie by=platform"]}, "DATA_DASHBOARD_CHARTS: 'kind=pie by=platform': unknown chart kind"),
    ({"DATA_DASHBOARD_SHARE": "kind=bar by=platform"}, "DATA_DASHBOARD_SHARE needs share=DIMENSION:CODE"),
])
def test_broken_settings_stop_the_build(built, overrides, words):
    before = tree_digest(built.output)
    with pytest.raises(BuildError) as caught:
        built.build(**overrides)
    assert re.search(r"pelicanconf\.py:\d+: ", str(caught.value)), "the message names the settings line"
    assert words in str(caught.value)
    assert tree_digest(built.output) == before


def test_every_problem_is_reported_at_once(built):
    built.write({"news/a.en.md": "Date: 2023-02-20\n\nB.\n", "news/b.en.md": "Title: B\nDate: soon\n\nB.\n"})
    with pytest.raises(BuildError) as caught:
        built.build()
    assert "2 problems" in str(caught.value)


def test_invoke_build_exits_non_zero_with_a_message_and_no_traceback(built):
    built.write({"news/second.en.md": "Title: Second\nDate: 2023-02-30\n\nBody.\n"})
    before = tree_digest(built.output)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--content", str(built.content), "--output", str(built.output)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "news/second.en.md:2: '2023-02-30' is not a date" in result.stderr
    assert "how to fix: write it as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(built.output) == before


def invoke_build(site):
    return subprocess.run([sys.executable, "-m", "invoke", "build", "--content", str(site.content),
                           "--output", str(site.output)], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("files, ours", [
    ({"publications/other.en.md": "Title: Other\nDate: 2023-01-01\nType: reprot\nSummary: s\n\nB.\n"},
     "publications/other.en.md:3: unknown publication type 'reprot'"),
    ({"news/second.en.md": "Title: Second\nDate: 2023-02-30\n\nBody.\n"}, "news/second.en.md:2: '2023-02-30' is not a date"),
    ({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\n[x]({filename}frist.en.md)\n"},
     "news/second.en.md:4: the link {filename}frist.en.md leads to a file that does not exist"),
], ids=["type typo", "bad date", "broken link"])
def test_a_content_mistake_is_said_once_with_no_pelican_line(built, files, ours):
    """Issue 16, item 2: no "ERROR: Could not process …" (or Pelican's "Unable to find …") before ours."""
    built.write(files)
    result = invoke_build(built)
    assert result.returncode == 1
    assert ours in result.stderr, result.stderr
    assert "Could not process" not in result.stderr and "Unable to find" not in result.stderr, result.stderr
    before = result.stderr.split("The build stopped", 1)[0]
    assert not any(line.startswith(("ERROR", "WARNING")) for line in before.splitlines()), result.stderr
    assert result.stderr.count(ours) == 1, result.stderr


def test_a_pelican_error_we_do_not_know_still_surfaces(built, monkeypatch, caplog):
    """Only our own ContentErrors are kept from the log: anything else Pelican reports is printed and stops the build."""
    from bilingual.reader import CheckedMarkdownReader

    def broken(self, rel, text):
        raise ValueError("something no check knows")

    built.write({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\nBody.\n"})
    monkeypatch.setattr(CheckedMarkdownReader, "_convert", broken)
    with pytest.raises(BuildError) as caught:
        built.build()
    assert "Could not process news/second.en.md: ValueError: something no check knows" in str(caught.value)
    assert any("Could not process" in record.getMessage() for record in caplog.records)


def test_a_missing_link_target_suggests_the_nearest_file(built):
    built.write({"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\n[x]({filename}../news/frist.en.md)\n"
                                      "[y]({filename}/publications/reprt.en.md) [z]({filename}../publication/report.en.md)\n"})
    with pytest.raises(BuildError) as caught:
        built.build()
    message = str(caught.value)
    assert "news/second.en.md:4: the link {filename}../news/frist.en.md leads to a file that does not exist" in message
    assert "how to fix: did you mean '../news/first.en.md'? the path starts from this file's folder" in message
    assert "news/second.en.md:5: the link {filename}/publications/reprt.en.md" in message
    assert "did you mean '/publications/report.en.md'?" in message  # from the content folder, as typed
    assert "did you mean '../publications/report.en.md'?" in message  # another folder: written from this file's


def test_a_date_typed_in_arabic_digits_is_the_same_date(built):
    """An Arabic keyboard types ٢٠٢٣-٠٢-٢٠; a Persian one ۲۰۲۳-۰۲-۲۰ (issue 16, item 4)."""
    built.write({"news/first.ar.md": "Title: الخبر الأول\nDate: ٢٠٢٣-٠٢-٢٠\nSummary: خبر أول.\n\nنص.\n",
                 "news/second.ar.md": "Title: خبر ثانٍ\nDate: ۲۰۲۳-۰۳-۰۱ ۱۰:۳۰\nSummary: خبر.\n\nنص.\n"})
    report = built.build()
    assert not [w for w in report.check_warnings if "date" in str(w.message)]  # the same date as first.en.md
    assert '<time datetime="2023-02-20"' in built.read("news/first/index.html")
    assert '<time datetime="2023-03-01' in built.read("news/second/index.html")


# Settings mistakes: (text appended to a copy of pelicanconf.py, text on the line the message must name, words)
# The language table's checks (bilingual) and the mailing list's and headers' (privacy) name lines alike.
BROKEN_SETTINGS = {
    "unknown provider": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "provider": "mailchimps",\n}\n',
                         '"provider"', "unknown provider 'mailchimps'"),
    "no action URL": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "url": "",\n}\n',
                      "MAILING_LIST = {", "('url') is missing"),
    "action not https": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "url": "http://lists.7amleh.org",\n}\n',
                         '"url"', "is not an https:// address"),
    "list without id": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "lists": {\n        "news": {"ar": "أخبار", "en": "News"},\n'
                        '    },\n}\n', '"news"', "has no 'id'"),
    "listmonk without lists": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "lists": {},\n}\n',
                               '"lists"', "listmonk needs at least one list"),
    "list id not a UUID": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "lists": {\n        "news": {\n            "id": "42",\n'
                           '            "ar": "أخبار", "en": "News"},\n    },\n}\n', '"id"', "'42' is not a listmonk list UUID"),
    "list label missing a language": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "lists": {\n        "news": {"id": '
                                      '"5b3e3a2c-9d6f-4f43-8a51-1c2e7d9b0a01", "ar": "أخبار"},\n    },\n}\n',
                                      '"news"', "has no text in en"),
    "unknown list referenced": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "footer_lists": ["newz"],\n}\n',
                                '"footer_lists"', "unknown list 'newz'"),
    "unknown key": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "provder": "listmonk",\n}\n',
                    '"provder"', "did you mean 'provider'?"),
    "not a Mailchimp address": ('MAILING_LIST = {\n    **MAILING_LIST,\n    "provider": "mailchimp",\n'
                                '    "url": "https://example.org/subscribe?u=1&id=2",\n    "lists": {},\n}\n',
                                '"url"', "is not a Mailchimp embedded-form address"),
    "language direction": ('LANGUAGES = {\n    **LANGUAGES,\n    "en": {"name": "English", "locale": "en", "og_locale": "en_GB",\n'
                           '           "dir": "sideways"},\n}\n', '"sideways"', "LANGUAGES['en']['dir'] must be 'rtl' or 'ltr'"),
    "numerals": ('NUMERALS = "roman"\n', 'NUMERALS = "roman"', "NUMERALS must be one of latn, arab"),
    "unsafe-inline scripts": ('SECURITY_HEADERS = {\n    "Content-Security-Policy": {\n'
                              '        "script-src": ["\'self\'", "\'unsafe-inline\'"],\n    },\n}\n',
                              '"script-src"', "'unsafe-inline' would let injected code run"),
}


@pytest.mark.parametrize("case", BROKEN_SETTINGS)
def test_broken_settings_name_pelicanconf_and_the_line(built, tmp_path, case):
    appended, marker, words = BROKEN_SETTINGS[case]
    base = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    # a copy elsewhere: its relative paths must still reach the theme and plugins
    text = f'{base}\nTHEME = "{ROOT / "themes/base"}"\nPLUGIN_PATHS = ["{ROOT / "plugins"}"]\n{appended}'
    line = next(n for n, content in enumerate(text.splitlines(), 1)
                if marker in content and n > base.count("\n") + 3)
    settings = tmp_path / "settings" / "pelicanconf.py"
    settings.parent.mkdir()
    settings.write_text(text, encoding="utf-8")
    before = tree_digest(built.output)
    with pytest.raises(BuildError) as caught:
        build_site(settings, content=built.content, output=built.output)
    assert f"pelicanconf.py:{line}: " in str(caught.value)
    assert words in str(caught.value)
    assert tree_digest(built.output) == before
