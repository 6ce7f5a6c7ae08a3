"""Languages built in forked processes: the same output as one process, and no error lost on the way."""

import os
from pathlib import Path

import pytest
from bilingual import build as build_module
from bilingual.errors import BuildError, ContentError
from conftest import ROOT, SETTINGS, build_site, tree_digest

GOOD = {
    "news/first.ar.md": "Title: الأول\nDate: 2023-02-20\nSummary: ملخص\n\nنص.\n",
    "news/first.en.md": "Title: First\nDate: 2023-02-20\nSummary: A summary\n\nText.\n",
}


def build(content, output, serial, monkeypatch):
    if serial:
        monkeypatch.setenv("SITE_BUILD_SERIAL", "1")
    else:
        monkeypatch.delenv("SITE_BUILD_SERIAL", raising=False)
    return build_site(SETTINGS, content=content, output=output)


def forked_children():
    """Processes forked from this one (same command line) still in the process table, zombies included.

    Not the `rm` processes removing old outputs (build.remove_later): a thread reaps each as it ends, but
    one may be caught in between."""
    own = Path("/proc/self/cmdline").read_bytes()
    removers = {str(remover.pid) for remover in build_module.REMOVERS}
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if stat.parent.name in removers:
                continue
            if int(fields[1]) == os.getpid() and (fields[0] == "Z" or (stat.parent / "cmdline").read_bytes() == own):
                found.append(stat.parent.name)
        except (OSError, IndexError):
            continue  # gone meanwhile
    return found


def test_forked_build_writes_exactly_what_one_process_writes(tmp_path, monkeypatch):
    forked = build(ROOT / "content", tmp_path / "forked", False, monkeypatch)
    serial = build(ROOT / "content", tmp_path / "serial", True, monkeypatch)
    assert tree_digest(tmp_path / "forked") == tree_digest(tmp_path / "serial")
    assert forked.warnings == serial.warnings
    assert [str(w) for w in forked.check_warnings] == [str(w) for w in serial.check_warnings]
    assert forked.translations == serial.translations
    assert set(forked.process_peaks_mib) == {"parent", "en"}, "English was not built in its own process"
    assert set(serial.process_peaks_mib) == {"parent"}
    assert all(mib > 10 for mib in forked.process_peaks_mib.values())


def when_english_writes(monkeypatch, action):
    """Run action() where the English site would start writing (the forked child inherits the patch)."""
    write = build_module.LanguageSite.write

    def patched(site, copy_static):
        if site.lang == "en":
            action()
        write(site, copy_static)

    monkeypatch.setattr(build_module.LanguageSite, "write", patched)


def test_an_error_raised_while_a_forked_language_writes_stops_the_build(tiny, monkeypatch):
    tiny.write(GOOD).build()
    before = tree_digest(tiny.output)

    def fail():
        raise ContentError("news/first.en.md", "a planted failure", line=2)

    when_english_writes(monkeypatch, fail)
    with pytest.raises(BuildError, match=r"news/first\.en\.md:2: a planted failure"):
        tiny.build()
    assert tree_digest(tiny.output) == before
    assert not list(tiny.root.glob(".output-build-*")), "the staging folder was not cleaned up"


def test_a_forked_language_that_dies_stops_the_build_without_hanging(tiny, monkeypatch):
    tiny.write(GOOD).build()
    before = tree_digest(tiny.output)
    when_english_writes(monkeypatch, lambda: os._exit(3))  # as if killed: nothing is sent back
    with pytest.raises(RuntimeError, match="the build of 'en' stopped"):
        tiny.build()
    assert tree_digest(tiny.output) == before
    assert forked_children() == [], "the child was not reaped"


def test_a_content_error_in_the_forked_language_names_file_and_line(tiny):
    tiny.write(GOOD).build()
    tiny.write({"news/first.en.md": "Title: First\nDate: 2023-02-30\n\nText.\n"})
    with pytest.raises(BuildError, match=r"news/first\.en\.md:2: "):
        tiny.build()


def test_forked_languages_keep_and_reuse_their_own_content_cache(tiny, monkeypatch):
    monkeypatch.delenv("SITE_BUILD_SERIAL", raising=False)
    cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tiny.root / "cache")}
    tiny.write(GOOD).build(**cache)
    cold = tree_digest(tiny.output)
    saved = sorted(p.relative_to(tiny.root / "cache").parts[-2] for p in (tiny.root / "cache").rglob("*") if p.is_file())
    assert set(saved) == {"ar", "en"}, "each language, in its own process, saves its own cache"
    tiny.build(**cache)
    assert tree_digest(tiny.output) == cold
