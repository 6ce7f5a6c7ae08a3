"""A generated bilingual corpus for benchmarks: N items per language, text drawn from the sample content.

Every file is clearly generated (its title says so); sentences come from the real sample
content, shuffled with a fixed seed, so the same N gives the same corpus.
"""

import random
import re
import shutil
from pathlib import Path

from .datasets import dataset_yaml

TYPES = ["report", "research", "position-paper", "legal-analysis", "guide", "survey",
         "quarterly-report", "annual-report"]
TOPICS = ["digital-rights", "privacy", "surveillance", "hate-speech", "legislation", "youth"]


def sentences(content, lang):
    """Body sentences of the sample content in one language."""
    found = []
    for path in sorted(Path(content).rglob(f"*.{lang}.md")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        found += [s.strip() for s in re.split(r"(?<=[.!؟])\s+", body) if len(s.strip()) > 40
                  and "{filename}" not in s and "{chart" not in s and not s.startswith(("#", "*", "-"))]
    return found


CHART_LINES = ["{{chart {id} by=platform}}", "{{chart {id} kind=column by=period}}",
               "{{chart {id} kind=stacked by=platform stack=status}}",
               "{{chart {id} kind=share by=platform share=status:restored where=type:content-removal}}"]


def make_datasets(content, target, count):
    """`count` illustrative monthly datasets, two per year; the first `count` publications
    each embed four charts of one of them (see make_corpus)."""
    folder = Path(target) / "data" / "violations"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(Path(content) / "data" / "violation-codes.yaml", Path(target) / "data" / "violation-codes.yaml")
    ids = []
    for k in range(count):
        ids.append(f"bench-{k:03d}")
        (folder / f"{ids[-1]}.yaml").write_text(dataset_yaml(ids[-1], 2000 + k // 2, "month", 1000), encoding="utf-8")
    return ids


def make_corpus(content, target, items, datasets=0, with_sample=False):
    """Write `items` publications and news per language (ar, en) into target/, plus the vocabularies
    and, with `datasets`, that many datasets whose charts appear in the first publications (and,
    with_sample, the sample content itself, so labelled queries about it still apply)."""
    target = Path(target)
    shutil.rmtree(target, ignore_errors=True)
    if with_sample:
        shutil.copytree(content, target)
    else:
        (target / "data").mkdir(parents=True)
    for name in ("topics.yaml", "authors.yaml"):
        shutil.copy2(Path(content) / "data" / name, target / "data" / name)
    if not with_sample:  # the site's own pages (about, privacy…): menus, footers and datasets link to them
        shutil.copytree(Path(content) / "pages", target / "pages")
    charted = iter(make_datasets(content, target, datasets) if datasets else [])
    rng = random.Random(20230220)
    text = {lang: sentences(content, lang) for lang in ("ar", "en")}
    titles = {"ar": "مادة مولّدة للقياس رقم {n}", "en": "Generated benchmark item {n}"}
    for n in range(items):
        category = "publications" if n % 3 else "news"
        meta = [f"Date: 20{10 + n % 14:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                f"Topics: {', '.join(rng.sample(TOPICS, 2))}"]
        dataset = next(charted, None) if category == "publications" else None
        if category == "publications":
            meta += [f"Type: {TYPES[n % len(TYPES)]}", "Authors: 7amleh"]
        for lang in ("ar", "en"):
            paragraphs = ["\n".join(rng.sample(text[lang], 3)) for _ in range(4)]
            if dataset:
                paragraphs += [line.format(id=dataset) for line in CHART_LINES]
            summary = rng.choice(text[lang])
            path = target / category / f"item-{n:05d}.{lang}.md"
            path.parent.mkdir(exist_ok=True, parents=True)
            path.write_text("\n".join([f"Title: {titles[lang].format(n=n)}", *meta, f"Summary: {summary}", "",
                                       "\n\n".join(paragraphs), ""]), encoding="utf-8")
    return target
