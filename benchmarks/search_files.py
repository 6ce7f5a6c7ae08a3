"""The search files as a publish and a visitor see them: their sizes, the bytes a visitor's first
query fetches, and which files of the whole site one edit changes.

    .venv/bin/python -m benchmarks.search_files [ITEMS]     (default 1000 generated items per language)

Builds the generated corpus (plus the sample content, so the labelled queries have answers), then
builds it again after adding one sentence to one item's body, and again after adding one item.
A publish (rsync/rclone --checksum) sends a file when its name is new or its bytes changed, so
"changed" below counts exactly that, `.gz`/`.br` twins included.
"""

import gzip
import hashlib
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.corpus import make_corpus  # noqa: E402

PREFIX = {"ar": "", "en": "en/"}
EDITED = "publications/item-00001.en.md"
SENTENCE = "The committee documented a further complaint about account suspensions."


def tree(folder):
    """{relative path: sha256} of every file below folder."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def changed(before, after):
    """Paths a publish would send (new or changed bytes) and paths it would delete."""
    return sorted(p for p in after if before.get(p) != after[p]), sorted(set(before) - set(after))


def gzipped_size(path):
    twin = Path(f"{path}.gz")
    return twin.stat().st_size if twin.exists() else len(gzip.compress(Path(path).read_bytes(), 9, mtime=0))


def build(corpus, output):
    from bilingual.build import build_site

    build_site(ROOT / "pelicanconf.py", content=corpus, output=output)
    return tree(output)


def first_query_bytes(site, lang, queries):
    from search_node import first_query_files_in_node

    runs = first_query_files_in_node(site, lang, queries)
    return [sum(gzipped_size(site / url.lstrip("/")) for url in files) for files in runs]


def manifest_file(site, prefix):
    page = (site / prefix / "search" / "index.html").read_text(encoding="utf-8")
    return site / re.search(r'data-search-manifest="/([^"]+)"', page).group(1)


def report_sizes(site, queries):
    for lang, prefix in PREFIX.items():
        data = site / prefix / "search" / "data"
        files = [p for p in data.rglob("*.json")]
        fetched = first_query_bytes(site, lang, [q["q"] for q in queries[lang]])
        manifest = manifest_file(site, prefix)
        print(f"{lang}: manifest {manifest.stat().st_size / 1000:.1f} kB ({gzipped_size(manifest) / 1000:.1f} kB gzipped)")
        print(f"{lang}: {len(files)} search files, {sum(p.stat().st_size for p in files) / 1000:.0f} kB "
              f"({sum(gzipped_size(p) for p in files) / 1000:.0f} kB gzipped); a first query fetches "
              f"{statistics.median(fetched) / 1000:.1f} kB gzipped (median of {len(fetched)} labelled queries, "
              f"max {max(fetched) / 1000:.1f} kB): manifest, shards and ten cards")


def report_changes(title, before, after):
    sent, deleted = changed(before, after)
    search = [p for p in sent + deleted if "/search/" in f"/{p}"]
    print(f"{title}: {len(sent)} files sent, {len(deleted)} deleted (twins included); "
          f"search files sent or deleted: {len(search)}")
    for path in sent:
        print(f"  sent     {path}")
    for path in deleted:
        print(f"  deleted  {path}")


def main(items=1000):
    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="search-files-") as tmp:
        tmp = Path(tmp)
        corpus = make_corpus(ROOT / "content", tmp / "corpus", items, with_sample=True)
        first = build(corpus, tmp / "first")
        report_sizes(tmp / "first", queries)
        edited = corpus / EDITED
        edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + f" {SENTENCE}\n", encoding="utf-8")
        second = build(corpus, tmp / "second")
        report_changes(f"one sentence added to {EDITED}", first, second)
        shutil.copy2(corpus / "publications" / "item-00002.en.md", corpus / "publications" / "item-99999.en.md")
        third = build(corpus, tmp / "third")
        report_changes("one item added (publications/item-99999.en.md)", second, third)


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:2]))
