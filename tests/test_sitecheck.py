"""Build checks (plugins/sitecheck): links and anchors, warnings, --strict, translation status,
one build at a time, and a killed build that leaves output/ as it was."""

import html
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from bilingual.build import REMOVERS
from bilingual.errors import BuildError
from conftest import ROOT, TinySite, tree_digest
from sitecheck.links import resolve, scan
from sitecheck.report import group_by_file, translation_table

BOTH = {
    "news/first.ar.md": "Title: الخبر الأول\nDate: 2023-02-20\nSummary: خبر.\n\nنص.\n",
    "news/first.en.md": "Title: First news\nDate: 2023-02-20\nSummary: A first item.\n\n## Context {#context}\n\nBody.\n",
}


@pytest.fixture
def site(tmp_path):
    return TinySite(tmp_path).write(BOTH)


def test_links_are_read_and_resolved_like_a_browser():
    ids, links = scan('<h2 id="a">x</h2><a href="../b/#c">b</a><img src=\'/i.png\' alt=""><a href="https://x.org/">x</a>'
                      '<a href="mailto:a@b.c">m</a>')
    assert ids == {"a"} and links == [("href", "../b/#c"), ("src", "/i.png")]
    assert resolve("/en/news/first/", "../b/#c") == ("en/news/b/index.html", "c")
    assert resolve("/en/news/first/", "#top") == ("en/news/first/index.html", "top")
    assert resolve("/", "/pdfs/a%20b.pdf") == ("pdfs/a b.pdf", "")


@pytest.mark.parametrize("body, line, words", [
    ("Intro.\n\nSee [the report](/en/publications/nowhere/).\n", 9, "/en/publications/nowhere/ leads to a page"),
    ("Intro.\n\nSee [the context](#contxt).\n", 9, "#contxt, which is not on that page"),
    ("Intro.\n\nSee [the section](/en/news/first/#nope).\n", 9, "points to #nope"),
    ("Intro.\n\n![A chart](/images/missing.png)\n", 9, "/images/missing.png leads to a page or file"),
    ("Intro.\n\n[PDF](/pdfs/missing.pdf)\n", 9, "/pdfs/missing.pdf leads to a page or file"),
])
def test_a_link_that_leads_nowhere_stops_the_build_naming_file_and_line(site, body, line, words):
    site.build()
    before = tree_digest(site.output)
    site.write({"news/second.en.md": f"Title: Second\nDate: 2023-02-21\nSummary: s.\n\n## Context\n\n{body}"})
    with pytest.raises(BuildError) as caught:
        site.build()
    assert f"news/second.en.md:{line}: the link" in str(caught.value) and words in str(caught.value)
    assert tree_digest(site.output) == before


def test_working_links_and_anchors_pass(site):
    site.write({"news/second.en.md": "Title: Second\nDate: 2023-02-21\nSummary: s.\n\n"
                                     "[a](/en/news/first/#context) [b](../first/) [c](#main) [d](/en/feeds/all.atom.xml)\n"})
    site.build()


def test_warnings_are_grouped_by_file_and_strict_makes_them_errors(site):
    site.write({"news/bare.en.md": "Title: Bare\nDate: 2023-02-21\n\nText.\n\n![](/theme/css/site.css)\n",
                # a GIF is copied as it is (a PNG that is not one would stop the build: plugins/images)
                "images/huge.gif": b"GIF89a" + bytes(600_000)})
    report = site.build()
    found = {(w.path, w.line, str(w.message)) for w in report.check_warnings}
    assert ("news/bare.en.md", 1, "the item has no summary") in found
    assert ("news/bare.en.md", 6, "the image site.css has no description") in found
    assert ("news/bare.en.md", None, "this item exists in English only") in found
    assert any(w.path == "images/huge.gif" and "0.6 MB" in str(w.message) for w in report.check_warnings)
    text = group_by_file(report.check_warnings)
    assert text.startswith(f"{len(report.check_warnings)} warnings in 2 files")
    assert text.count("  news/bare.en.md\n") == 1  # each file once, its problems under it
    before = tree_digest(site.output)
    with pytest.raises(BuildError, match="news/bare.en.md:1: the item has no summary"):
        site.build(strict=True)
    assert tree_digest(site.output) == before


def test_translation_report_page_is_unlisted_and_noindex(site):
    site.build()
    page = site.read("_reports/translations/index.html")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert ('<th scope="row"><code dir="ltr">news/first/</code></th>'
            '<td class="ok"><a href="/news/first/" hreflang="ar"><span aria-hidden="true">✓</span> محدّثة</a></td>'
            '<td class="ok"><a href="/en/news/first/" hreflang="en"><span aria-hidden="true">✓</span> محدّثة</a></td>'
            ) in page
    assert "_reports" not in site.read("sitemap.xml") and "_reports" not in site.read("en/index.html")


def git(cwd, *args, when):
    stamp = f"{when} +0000"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_a_translation_older_than_its_source_is_reported_from_git_history(site):
    git(site.content, "init", "-q", when=1_600_000_000)
    git(site.content, "add", ".", when=1_600_000_000)
    git(site.content, "commit", "-q", "-m", "both", when=1_600_000_000)
    report = site.build()
    assert [s.stale for s in report.translations] == [[]]
    (site.content / "news/first.ar.md").write_text(BOTH["news/first.ar.md"] + "\nفقرة جديدة.\n", encoding="utf-8")
    git(site.content, "commit", "-qam", "source changed", when=1_600_100_000)
    report = site.build()
    status, = report.translations
    assert (status.source_lang, status.stale) == ("ar", ["en"])
    assert any(w.path == "news/first.en.md" and "older than its source (news/first.ar.md" in str(w.message)
               for w in report.check_warnings)
    assert ('<td class="stale"><a href="/en/news/first/" hreflang="en"><strong><span aria-hidden="true">⚠</span> '
            'stale</strong></a></td>') in site.read("_reports/translations/en/index.html")


def test_the_report_pages_mark_stale_and_missing_translations_in_both_languages(site):
    git(site.content, "init", "-q", when=1_600_000_000)
    site.write({"news/lonely.en.md": "Title: Lonely\nDate: 2023-02-22\nSummary: s.\n\nText.\n"})
    git(site.content, "add", ".", when=1_600_000_000)
    git(site.content, "commit", "-q", "-m", "three", when=1_600_000_000)
    (site.content / "news/first.ar.md").write_text(BOTH["news/first.ar.md"] + "\nفقرة جديدة.\n", encoding="utf-8")
    git(site.content, "commit", "-qam", "source changed", when=1_600_100_000)
    site.build()
    arabic, english = site.read("_reports/translations/index.html"), site.read("_reports/translations/en/index.html")
    assert '<html lang="ar" dir="rtl">' in arabic and '<html lang="en" dir="ltr">' in english
    assert '<a href="/_reports/translations/en/" hreflang="en" lang="en">English</a>' in arabic
    assert '<a href="/_reports/translations/" hreflang="ar" lang="ar">العربية</a>' in english
    for page, words in ((arabic, {"stale": "قديمة", "missing": "ناقصة", "source": "الأصل"}),
                        (english, {"stale": "stale", "missing": "missing", "source": "source"})):
        # stale and missing stand out by a mark and bold text, not by colour alone; each page is linked
        assert (f'<td class="stale"><a href="/en/news/first/" hreflang="en"><strong><span aria-hidden="true">⚠</span> '
                f'{words["stale"]}</strong></a></td>') in page
        assert (f'<td class="source"><a href="/news/first/" hreflang="ar"><span aria-hidden="true">●</span> '
                f'{words["source"]}</a></td>') in page
        row = page[page.index('<code dir="ltr">news/lonely/</code>'):]
        assert row.startswith(f'<code dir="ltr">news/lonely/</code></th><td class="missing"><strong><span '
                              f'aria-hidden="true">✗</span> {words["missing"]}</strong></td><td class="source">'
                              f'<a href="/en/news/lonely/" hreflang="en">')  # one language: its own source
    assert "This report lists 2 items. 1 translation is missing. 1 translation is older than its source." in english
    assert "يضمّ هذا التقرير مادتين. ترجمة واحدة ناقصة. ترجمة واحدة أقدم من أصلها." in arabic


def test_two_builds_at_once_wait_for_each_other(site, tmp_path):
    command = [sys.executable, "-m", "invoke", "build", "--content", str(site.content), "--output", str(site.output)]
    builds = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [b.communicate(timeout=120) for b in builds]
    assert [b.returncode for b in builds] == [0, 0], outputs
    reference = TinySite(tmp_path / "reference").write(BOTH)
    reference.build()
    assert tree_digest(site.output) == tree_digest(reference.output)
    assert not [p.name for p in site.root.iterdir() if p.name.startswith(".output-")]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_build_killed_halfway_leaves_output_intact(site, sig):
    site.build()
    before = tree_digest(site.output)
    for n in range(120):  # enough items that the build takes a few seconds
        site.write({f"news/item-{n:03d}.en.md": f"Title: Item {n}\nDate: 2023-02-20\nSummary: s.\n\n" + "Text. " * 200})
    process = subprocess.Popen([sys.executable, "-m", "invoke", "build", "--content", str(site.content),
                                "--output", str(site.output)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the new build is writing pages
        staging = [p for p in site.root.glob(".output-build-*") if any(p.rglob("*.html"))]
        if staging:
            break
        time.sleep(0.02)
    assert staging and process.poll() is None, "the build finished before it could be interrupted"
    process.send_signal(sig)
    process.communicate(timeout=60)
    assert tree_digest(site.output) == before
    site.build()  # the next build clears what the killed one left and succeeds
    assert "Item 119" in site.read("en/news/item-119/index.html")
    for remover in REMOVERS:  # old outputs are removed in the background (build.remove_later): under load, slowly
        remover.wait(timeout=60)
    assert not [p.name for p in site.root.iterdir() if p.name.startswith(".output-")]


def test_a_build_waits_while_another_holds_the_output(site):
    from bilingual.build import exclusive

    command = [sys.executable, "-m", "invoke", "build", "--content", str(site.content), "--output", str(site.output)]
    with exclusive(site.output.resolve()):
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(3)  # long enough for this tiny site to build, were it not waiting
        assert process.poll() is None and not site.output.exists()
    process.communicate(timeout=120)
    assert process.returncode == 0 and (site.output / "en" / "news" / "first" / "index.html").is_file()


def test_invoke_check_reports_without_touching_output_and_strict_fails(site):
    site.write({"news/bare.en.md": "Title: Bare\nDate: 2023-02-21\n\nText.\n"})
    command = [sys.executable, "-m", "invoke", "check", "--content", str(site.content)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "2 warnings in 1 file" in result.stderr and "  news/bare.en.md\n" in result.stderr
    assert re.search(r"^news/bare/\s+missing\s+source$", result.stdout, re.M)  # the translation table
    assert not site.output.exists()
    strict = subprocess.run(command + ["--strict"], cwd=ROOT, capture_output=True, text=True)
    assert strict.returncode == 1 and "news/bare.en.md:1: the item has no summary" in strict.stderr
    assert "Traceback" not in strict.stderr


def test_translation_none_makes_one_language_intended_and_strict_passes(site):
    arabic = "Title: عربي\nDate: 2023-02-21\nSummary: ملخّص.\n{line}\nنص.\n"
    site.write({"news/arabic.ar.md": arabic.format(line="")})
    with pytest.raises(BuildError, match="news/arabic.ar.md: this item exists in Arabic only"):
        site.build(strict=True)
    site.write({"news/arabic.ar.md": arabic.format(line="Translation: none\n")})
    report = site.build(strict=True)  # Pelican does not read it as its own `translation` flag either
    status = next(s for s in report.translations if s.key == "news/arabic/")
    assert (status.wanted, status.missing) == (["ar"], [])
    english = html.unescape(site.read("_reports/translations/en/index.html"))
    assert "1 item is in one language on purpose." in english
    assert "<li><code dir=\"ltr\">news/arabic/</code>: 'Translation: none' in news/arabic.ar.md</li>" in english
    assert '<td class="not-needed"><span aria-hidden="true">–</span> not needed</td>' in english


def test_translation_none_on_an_item_that_has_a_translation_is_a_warning(site):
    site.write({"news/first.en.md": BOTH["news/first.en.md"].replace("Summary:", "Translation: none\nSummary:")})
    report = site.build()
    assert [(w.path, w.line, str(w.message)) for w in report.check_warnings] == [
        ("news/first.en.md", 3, "'Translation: none' says this item has no translation, but it has: news/first.ar.md")]


@pytest.mark.parametrize("value", ["no", "None please", ""])
def test_a_translation_line_with_another_value_names_file_and_line(site, value):
    site.write({"news/arabic.ar.md": f"Title: عربي\nDate: 2023-02-21\nTranslation: {value}\n\nنص.\n"})
    with pytest.raises(BuildError) as caught:
        site.build()
    assert f"news/arabic.ar.md:3: 'Translation:' takes only the value 'none', not '{value}'" in str(caught.value)
    assert "how to fix: write 'Translation: none' if this item is meant for its own language only" in str(caught.value)


def test_warnings_and_the_table_speak_arabic_when_asked(site):
    site.write({"news/bare.en.md": "Title: Bare\nDate: 2023-02-21\n\nText.\n"})
    report = site.build()
    text = group_by_file(report.check_warnings, "ar")
    assert text.startswith("تنبيهان في ملف واحد (الخيار `--strict` يجعلهما خطأين):")
    assert "    السطر 1: المادة بلا ملخّص\n      طريقة الإصلاح: أضيفوا سطر 'Summary: …'" in text
    table = translation_table(report.translations, report.languages, "ar")
    assert re.search(r"^news/bare/\s+ناقصة\s+الأصل$", table, re.M) and table.startswith("المادة")
