"""What the checks on each Markdown file and the HTML sanitiser cost, next to Markdown itself.

    .venv/bin/python -m benchmarks.sanitise [--items N]

On a generated corpus (N items per language, default 1,000: the one `invoke bench` builds),
each file goes through the reader's steps one by one — the checks before Markdown
(safety.limits, the metadata block), Python-Markdown, the sanitiser (safety.items) — and the
CPU seconds of each step are added up; then the sanitiser's parts on the same HTML: the
finder, the strict clean and the permissive clean it is compared with (safety.html).
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from .corpus import make_corpus

ROOT = Path(__file__).resolve().parent.parent


def cpu(function, *args):
    started = time.process_time()
    result = function(*args)
    return result, time.process_time() - started


def measure(corpus):
    from markdown import Markdown
    from pelican.settings import DEFAULT_CONFIG

    import bilingual.errors  # noqa: F401 (the bilingual package first, as in a build)
    from bilingual.metadata import read_header
    from safety.html import PERMISSIVE, STRICT, find
    from safety.items import clean_item
    from safety.limits import check_markdown_text

    markdown = Markdown(**DEFAULT_CONFIG["MARKDOWN"])
    files = sorted(Path(corpus).rglob("*.md"))
    steps = {"checks before Markdown": 0.0, "Markdown": 0.0, "sanitiser": 0.0}
    pages = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        _, seconds = cpu(lambda: (check_markdown_text("x", text), read_header(text, "x")))
        steps["checks before Markdown"] += seconds
        markdown.reset()
        html, seconds = cpu(markdown.convert, text)
        steps["Markdown"] += seconds
        _, seconds = cpu(clean_item, "x", text, html)
        steps["sanitiser"] += seconds
        pages.append(html)
    print(f"{len(files)} Markdown files, {sum(map(len, pages)) / 1e6:.1f} MB of HTML\n")
    print(f"{'step':<26}{'CPU s':>8}")
    for step, seconds in steps.items():
        print(f"{step:<26}{seconds:>8.2f}")
    print(f"\n{'the sanitiser, by part':<26}{'CPU s':>8}")
    for part, function in (("finder (html.parser)", find), ("strict clean (nh3)", STRICT.clean),
                           ("permissive clean (nh3)", PERMISSIVE.clean)):
        _, seconds = cpu(lambda: [function(page) for page in pages])
        print(f"{part:<26}{seconds:>8.2f}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "plugins"))
    with tempfile.TemporaryDirectory(prefix="bench-sanitise-") as tmp:
        measure(make_corpus(ROOT / "content", Path(tmp) / "content", args.items, 50, 10))


if __name__ == "__main__":
    main()
