"""`invoke bench` on a tiny corpus: every row and column, stock Pelican reading the corpus right, Hugo's site."""

import re
import subprocess
import sys
from types import SimpleNamespace

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks.corpus import make_corpus  # noqa: E402
from benchmarks.hugo import build_hugo, convert  # noqa: E402
from benchmarks.measure import measured  # noqa: E402
from benchmarks.rebuilds import DATASET_FILE, REBUILDS, edit_body, edit_dataset, publish_counts, snapshot  # noqa: E402
from benchmarks.run import COLD, HUGO, STOCK, folder_stats  # noqa: E402
from benchmarks.stock import build_stock  # noqa: E402

COLUMNS = ["wall s", "CPU s", "peak MiB", "Σ MiB", "pages", "output MiB", "search MiB", "wall×stock", "CPU×stock",
           "wall×cold", "CPU×cold", "sent", "deleted"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(ROOT / "content", tmp_path_factory.mktemp("bench") / "corpus", 3, datasets=1, campaigns=1)


def test_invoke_bench_prints_every_build_column_and_target():
    result = subprocess.run([sys.executable, "-m", "invoke", "bench", "--items", "3", "--rounds", "1", "--datasets", "1",
                             "--campaigns", "1", "--compare-hugo"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    header = next(line for line in out.splitlines() if line.startswith("build "))
    assert re.split(r"\s{2,}", header.strip())[1:] == COLUMNS
    for name in (COLD, *REBUILDS, STOCK, HUGO):
        row = next(line for line in out.splitlines() if line.startswith(name + " "))
        numbers = row[len(name):].split()
        assert len(numbers) == len(COLUMNS), row
        assert int(numbers[4]) > 0 and float(numbers[1]) > 0, row  # pages written, CPU time
    stock_row = next(line for line in out.splitlines() if line.startswith(STOCK + " "))
    assert stock_row.split()[-6] == "1.00"  # the baseline's ratio to itself
    assert stock_row.split()[-2:] == ["-", "-"]  # a publish after a rebuild is counted for rebuilds only
    for target in ("cold build ≤ 1.25 × stock Pelican, CPU", "rebuild, a body edited ≤ 0.25 × cold build, CPU",
                   "rebuild, nothing changed ≤ 0.05 × cold build, wall",
                   "rebuild, an item deleted ≤ 0.35 × cold build, CPU",
                   "peak ≤ 300 MiB per process at 2,000 items/lang (this run: 3 items/lang)"):
        assert re.search(re.escape(target) + r"\s+[\d.]+ (×|MiB)\s+(met|NOT met)$", out, re.M), target
    assert re.search(r"files a publish sends after a body edit ≤ 20\s+\d+\s+(met|NOT met)$", out, re.M)
    assert re.search(r"save to reloaded page in invoke serve ≤ 1000 ms \(median\)\s+\d+ ms\s+(met|NOT met)$", out, re.M)


def test_stock_pelican_reads_every_item_in_both_languages(corpus, tmp_path):
    assert build_stock(corpus, tmp_path / "stock") == []  # Pelican logged no warning about the corpus
    for n, category in ((0, "news"), (1, "publications"), (2, "publications")):
        assert (tmp_path / "stock" / category / f"item-{n:05d}" / "index.html").is_file()
        english = (tmp_path / "stock" / "en" / category / f"item-{n:05d}" / "index.html").read_text(encoding="utf-8")
        assert f"Generated benchmark item {n}" in english
    campaign = tmp_path / "stock" / "campaigns" / "bench-campaign-00"
    assert len(list(campaign.glob("*/index.html"))) == 10


def test_our_plugins_do_not_run_inside_stock_pelican(corpus, tmp_path):
    from bilingual.build import build_site

    build_site(ROOT / "pelicanconf.py", content=corpus, output=tmp_path / "ours")  # connects our handlers
    build_stock(corpus, tmp_path / "stock")
    html = (tmp_path / "stock" / "publications" / "item-00001" / "index.html").read_text(encoding="utf-8")
    assert "{chart bench-000 by=platform}" in html  # stock knows no chart lines
    assert not (tmp_path / "stock" / "search").exists()
    build_site(ROOT / "pelicanconf.py", content=corpus, output=tmp_path / "ours")  # and ours still has them
    assert "{chart" not in (tmp_path / "ours" / "publications" / "item-00001" / "index.html").read_text(encoding="utf-8")


def test_the_warm_build_finds_one_item_changed_each_round(corpus):
    edited = corpus / "publications" / "item-00001.en.md"
    before = edited.read_text(encoding="utf-8")
    edit_body(corpus, None, 1)
    once = edited.read_text(encoding="utf-8")
    edit_body(corpus, None, 2)
    twice = edited.read_text(encoding="utf-8")
    assert before != once != twice
    assert twice.replace("round 2", "round 1") == once  # one change, not one more each round


def test_the_dataset_rebuild_changes_one_count_each_round(corpus):
    edited = corpus / DATASET_FILE
    before = edited.read_text(encoding="utf-8")
    edit_dataset(corpus, None, 1)
    once = edited.read_text(encoding="utf-8")
    edit_dataset(corpus, None, 2)
    twice = edited.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), once.splitlines()) if a != b]
    assert len(changed) == 1 and changed[0][1].endswith("count: 101}") and once != twice
    assert len(before.splitlines()) == len(twice.splitlines())


def test_peaks_come_from_every_process_when_the_build_reports_them():
    result = measured(lambda: SimpleNamespace(process_peaks_mib={"parent": 80.0, "ar": 210.0, "en": 190.0}))
    assert (result.peak, result.peak_sum) == (210.0, 480.0)
    alone = measured(lambda: bytearray(64 * 2**20))  # no report: this process's own peak, reset before
    assert alone.peaks.keys() == {"parent"} and alone.peak >= 64


def test_the_corpus_as_a_hugo_site_builds_in_both_languages(corpus, tmp_path):
    site = convert(corpus, tmp_path / "hugo")
    front = (site / "content" / "publications" / "item-00001.ar.md").read_text(encoding="utf-8")
    assert front.startswith('---\ntitle: "مادة مولّدة للقياس رقم 1"\n')
    assert (site / "content" / "campaigns" / "bench-campaign-00" / "_index.en.md").is_file()
    report = build_hugo(site, tmp_path / "public")
    assert report.process_peaks_mib["hugo"] > 0
    assert (tmp_path / "public" / "publications" / "item-00001" / "index.html").is_file()
    assert "Generated benchmark item 1" in (tmp_path / "public" / "en" / "publications" / "item-00001" /
                                            "index.html").read_text(encoding="utf-8")
    pages, size, index = folder_stats(tmp_path / "public")
    assert pages > 20 and size > 0 and index == 0


def test_a_publish_sends_new_and_changed_files_and_deletes_removed_ones(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    for name, text in (("a/same.html", "same"), ("a/changed.html", "old"), ("gone.html", "x")):
        (site / name).write_text(text)
    before = snapshot(site)
    (site / "a" / "changed.html").unlink()
    (site / "a" / "changed.html").write_text("new")
    (site / "gone.html").unlink()
    (site / "new.html").write_text("y")
    rewritten = site / "a" / "same.html"
    rewritten.unlink()
    rewritten.write_text("same")  # written again with the same bytes: a checksum compare sends nothing
    assert publish_counts(before, snapshot(site)) == (2, 1)
