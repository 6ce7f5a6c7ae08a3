"""Precompressed twins: beside every text file, the same bytes once decompressed, reproducible,
and only where they are smaller."""

import gzip
import os
import time

import brotli
import pytest

from conftest import tree_digest
from precompress import GZIP_LEVEL, KINDS, precompress_site, twins


def test_every_text_file_kind_of_the_sample_site_has_twins_that_decompress_to_it(sample_site):
    seen = set()
    for path in sorted(sample_site.rglob("*")):
        if path.suffix not in KINDS or not path.is_file():
            continue
        seen.add(path.suffix)
        data = path.read_bytes()
        packed = path.with_name(path.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == data, path
        assert packed[3] & 0x08 == 0 and packed[4:8] == b"\0\0\0\0", path  # no file name, no time
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path
        assert len(packed) < len(data)
    assert seen == set(KINDS), f"the sample site lacks {set(KINDS) - seen}: the test no longer covers them"


def test_fonts_images_and_pdfs_get_no_twins(sample_site):
    for path in sample_site.rglob("*"):
        if path.suffix in (".woff2", ".pdf", ".png", ".jpg", ".webp"):
            assert not path.with_name(path.name + ".gz").exists(), path
            assert not path.with_name(path.name + ".br").exists(), path


def test_twins_are_not_pages_or_links(sample_site):
    """A twin is never linked: pages and the sitemap name the original only."""
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert ".gz<" not in sitemap and ".br<" not in sitemap
    for path in sample_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert ".html.gz" not in page and ".json.br" not in page, path


def test_two_builds_give_the_same_twins(tiny, tmp_path):
    # an item in each language: an empty feed would carry Pelican's "now" as its <updated>
    tiny.write({"news/hello.en.md": "Title: Hello\nDate: 2024-01-02\nSummary: A hello.\n\n" + "Words, words. " * 200,
                "news/hello.ar.md": "Title: مرحبا\nDate: 2024-01-02\nSummary: تحية.\n\n" + "كلمات، كلمات. " * 200})
    tiny.build()
    first = {rel: digest for rel, digest in tree_digest(tiny.output).items() if rel.endswith((".gz", ".br"))}
    tiny.output = tmp_path / "second" / "output"
    tiny.build()
    second = {rel: digest for rel, digest in tree_digest(tiny.output).items() if rel.endswith((".gz", ".br"))}
    assert first == second
    assert "en/news/hello/index.html.br" in first and "en/news/hello/index.html.gz" in first


def test_a_file_that_does_not_shrink_gets_no_twin_and_loses_a_stale_one(tmp_path):
    (tmp_path / "robots.txt").write_bytes(b"x")  # a gzip header alone is longer than this
    (tmp_path / "random.json").write_bytes(os.urandom(4000))  # incompressible
    (tmp_path / "random.json.br").write_bytes(b"stale")  # as an earlier step may have left
    (tmp_path / "page.html").write_bytes(b"<p>hello</p>" * 100)
    totals = precompress_site(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "page.html.br", "page.html.gz",
                                                           "random.json", "robots.txt"]
    assert (totals.files, totals.gz, totals.br) == (3, 1, 1)


@pytest.mark.parametrize("data", [b"", b"a", "مرحبا بالعالم ".encode() * 50])
def test_twins_are_smaller_and_round_trip(data):
    made = twins(data)
    assert all(len(body) < len(data) for body in made.values())
    if ".gz" in made:
        assert gzip.decompress(made[".gz"]) == data
    if ".br" in made:
        assert brotli.decompress(made[".br"]) == data
    assert made == twins(data)


def test_a_warm_cache_compresses_nothing_and_gives_the_same_twins(sample_site, tmp_path):
    """What the cache hands back is byte for byte what compressing afresh makes."""
    texts = [p for p in sample_site.rglob("*") if p.suffix in KINDS and p.is_file()]
    runs = {}
    for run in ("fresh", "cold", "warm"):
        folder = tmp_path / run
        for path in texts:
            target = folder / path.relative_to(sample_site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        totals = precompress_site(folder, cache=None if run == "fresh" else tmp_path / "cache")
        assert totals.compressed == (0 if run == "warm" else len(texts)), run
        runs[run] = tree_digest(folder)
    assert runs["fresh"] == runs["cold"] == runs["warm"]
    assert sum(rel.endswith(".br") for rel in runs["warm"]) == len(texts)


def test_the_cache_forgets_entries_no_build_used_for_a_month(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_bytes(b"<p>hello</p>" * 100)
    precompress_site(tmp_path / "site", cache=tmp_path / "cache")
    entries = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert len(entries) == 3  # .gz, .br and the marker
    month_ago = time.time() - 31 * 86400
    for entry in (tmp_path / "cache").iterdir():
        os.utime(entry, (month_ago, month_ago))
    (tmp_path / "site" / "page.html").write_bytes(b"<p>changed</p>" * 100)
    precompress_site(tmp_path / "site", cache=tmp_path / "cache")
    assert not set(entries) & {p.name for p in (tmp_path / "cache").iterdir()}


def test_files_that_hold_the_last_outputs_bytes_get_its_twins_linked_and_the_others_fresh_ones(tmp_path):
    """An incremental build links the last output's twins beside a file that is the last output's file or
    holds its bytes; every other file gets twins made for it — and the result equals compressing afresh."""
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        folder.mkdir()
    (old / "linked.html").write_bytes(b"<p>kept</p>" * 200)
    (old / "rewritten.css").write_bytes(b"a { color: red }\n" * 200)
    (old / "changed.html").write_bytes(b"<p>before</p>" * 200)
    precompress_site(old)
    os.link(old / "linked.html", new / "linked.html")  # a page the rebuild did not render again
    (new / "rewritten.css").write_bytes(b"a { color: red }\n" * 200)  # written again, same bytes
    (new / "changed.html").write_bytes(b"<p>after</p>" * 200)
    precompress_site(new, previous=old)
    for name in ("linked.html.gz", "linked.html.br", "rewritten.css.gz", "rewritten.css.br"):
        assert os.stat(new / name).st_ino == os.stat(old / name).st_ino, name  # linked, not made again
    assert os.stat(new / "changed.html.gz").st_ino != os.stat(old / "changed.html.gz").st_ino
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for name in ("linked.html", "rewritten.css", "changed.html"):
        (fresh / name).write_bytes((new / name).read_bytes())
    precompress_site(fresh)
    assert tree_digest(new) == tree_digest(fresh)
    assert (old / "changed.html.gz").read_bytes() == gzip.compress(b"<p>before</p>" * 200, compresslevel=GZIP_LEVEL, mtime=0)
