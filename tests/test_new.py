"""`invoke new`: every kind in one and both languages builds — warnings only where one language is missing."""

import subprocess
import sys
from pathlib import Path

import pytest
from invoke import Context, Exit

from conftest import ROOT, TinySite

sys.path.insert(0, str(ROOT))
from tasks import new  # noqa: E402

TITLES = {"ar": "تقرير عن الخصوصية الرقمية", "en": "A report on digital privacy"}
KINDS = [("publication", "report", "publications/{slug}/"), ("news", None, "news/{slug}/"), ("page", None, "{slug}/")]
NAMES = {"ar": "Arabic", "en": "English"}


@pytest.mark.parametrize("langs", [("ar", "en"), ("ar",), ("en",)], ids="+".join)
@pytest.mark.parametrize("kind, type_, url", KINDS, ids=[k[0] for k in KINDS])
def test_each_kind_in_one_or_both_languages_builds(tmp_path, kind, type_, url, langs):
    site = TinySite(tmp_path)
    slug = None if "en" in langs else "digital-privacy"
    written = new(Context(), kind, type=type_, slug=slug, content=str(site.content),
                  **{lang: TITLES[lang] for lang in langs})
    slug = slug or "a-report-on-digital-privacy"
    folder = {"publication": "publications", "news": "news", "page": "pages"}[kind]
    assert sorted(written) == [site.content / folder / f"{slug}.{lang}.md" for lang in langs]
    report = site.build()  # no warning from Pelican itself
    found = [(w.path, str(w.message)) for w in report.check_warnings]
    if len(langs) == 2:
        assert found == []
    else:
        assert found == [(f"{folder}/{slug}.{langs[0]}.md", f"this item exists in {NAMES[langs[0]]} only")]
    for lang in langs:
        html = site.read(("" if lang == "ar" else "en/") + url.format(slug=slug) + "index.html")
        assert f"<h1>{TITLES[lang]}</h1>" in html or f">{TITLES[lang]}</h1>" in html
        assert "[//]" not in html and "never appear" not in html and "لا تظهر على الموقع" not in html


def test_the_date_line_is_today_in_the_sites_time_zone(tmp_path):
    import datetime
    from zoneinfo import ZoneInfo

    site = TinySite(tmp_path)
    (path,) = new(Context(), "news", en="Today", content=str(site.content))
    today = datetime.datetime.now(ZoneInfo("Asia/Jerusalem")).date()
    assert path.read_text(encoding="utf-8").splitlines()[1] == f"Date: {today}"


@pytest.mark.parametrize("kwargs, message", [
    ({"kind": "news", "ar": "خبر"}, "add --slug"),
    ({"kind": "news", "en": "X", "slug": "Not A Slug"}, "--slug 'Not A Slug': use lower-case Latin letters"),
    ({"kind": "publication", "en": "X"}, "a publication needs --type: one of report, research"),
    ({"kind": "publication", "en": "X", "type": "reprot"}, "unknown type 'reprot'"),
    ({"kind": "news", "en": "X", "type": "report"}, "--type is for publications only"),
    ({"kind": "post", "en": "X"}, "unknown kind 'post': use one of publication, news, page"),
    ({"kind": "news"}, "give a title in at least one language"),
    # a close spelling of a closed list's value is suggested, as the build does (issue 16, item 4)
    ({"kind": "publication", "en": "X", "type": "position_paper"},
     "unknown type 'position_paper': one of report, research, position-paper, legal-analysis, guide, survey, "
     "quarterly-report, annual-report; did you mean 'position-paper'?"),
    ({"kind": "publications", "en": "X"}, "unknown kind 'publications': use one of publication, news, page; "
                                          "did you mean 'publication'?"),
])
def test_mistakes_write_nothing(tmp_path, kwargs, message):
    site = TinySite(tmp_path)
    before = sorted(site.content.rglob("*"))
    with pytest.raises(Exit) as caught:
        new(Context(), content=str(site.content), **kwargs)
    assert message in caught.value.message
    assert sorted(site.content.rglob("*")) == before


def test_an_existing_item_is_never_overwritten(tmp_path):
    site = TinySite(tmp_path).write({"news/gaza.ar.md": "Title: غزة\nDate: 2023-01-01\n\nنص.\n"})
    with pytest.raises(Exit) as caught:
        new(Context(), "news", en="Gaza", content=str(site.content))
    assert "news/gaza.ar.md already exists: the slug 'gaza' is taken" in caught.value.message
    assert not (site.content / "news" / "gaza.en.md").exists()


def test_from_the_command_line(tmp_path):
    """What staff type; an Arabic title without --slug is refused when there is no one to ask."""
    invoke = [str(Path(sys.executable).with_name("invoke")), "new"]
    content = str(tmp_path / "content")
    ok = subprocess.run([*invoke, "publication", "--type", "guide", "--ar", "دليل الأمان الرقمي", "--slug",
                         "digital-safety-guide", "--content", content], capture_output=True, text=True, cwd=ROOT,
                        stdin=subprocess.DEVNULL)
    assert ok.returncode == 0, ok.stderr
    assert "Wrote" in ok.stdout and (tmp_path / "content/publications/digital-safety-guide.ar.md").is_file()
    refused = subprocess.run([*invoke, "news", "--ar", "خبر", "--content", content], capture_output=True, text=True,
                             cwd=ROOT, stdin=subprocess.DEVNULL)
    assert refused.returncode == 1 and "add --slug" in refused.stderr


def test_a_misspelt_language_of_the_site_is_suggested(tmp_path):
    """The titles' languages come from the site's: a title in a language the site lacks is refused, with a guess."""
    from tooling.scaffold import ScaffoldError, plan

    with pytest.raises(ScaffoldError) as caught:
        plan(tmp_path, "news", {"en": "X"}, languages=("ar", "eng"))
    assert str(caught.value) == "unknown language 'en': the site's languages are ar, eng; did you mean 'eng'?"


def test_invoke_new_speaks_the_language_asked_for(tmp_path):
    """--messages ar: the mistake in Arabic (the build's own words for 'did you mean'), nothing written."""
    invoke = [str(Path(sys.executable).with_name("invoke")), "new"]
    refused = subprocess.run([*invoke, "publication", "--type", "position_paper", "--en", "X", "--messages", "ar",
                              "--content", str(tmp_path / "content")], capture_output=True, text=True, cwd=ROOT,
                             stdin=subprocess.DEVNULL)
    assert refused.returncode == 1
    assert "نوع الإصدار 'position_paper' غير معروف" in refused.stderr
    assert "هل تقصدون 'position-paper'؟" in refused.stderr
    assert not (tmp_path / "content").exists()
