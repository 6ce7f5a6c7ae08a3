"""A generated bilingual corpus for benchmarks: N items per language, text drawn from the sample content.

Every file is clearly generated (its title says so); sentences come from the real sample
content, shuffled with a fixed seed, so the same N gives the same corpus.
"""

import random
import re
import shutil
from pathlib import Path

TYPES = ["report", "research", "position-paper", "legal-analysis", "guide", "survey",
         "quarterly-report", "annual-report"]
TOPICS = ["digital-rights", "privacy", "surveillance", "hate-speech", "legislation", "youth"]


def sentences(content, lang):
    """Body sentences of the sample content in one language."""
    found = []
    for path in sorted(Path(content).rglob(f"*.{lang}.md")):
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1]
        found += [s.strip() for s in re.split(r"(?<=[.!؟])\s+", body) if len(s.strip()) > 40
                  and "{filename}" not in s and not s.startswith(("#", "*", "-"))]
    return found


def make_corpus(content, target, items, with_sample=False):
    """Write `items` publications and news per language (ar, en) into target/, plus the vocabularies
    (and, with_sample, the sample content itself, so labelled queries about it still apply)."""
    target = Path(target)
    shutil.rmtree(target, ignore_errors=True)
    if with_sample:
        shutil.copytree(content, target)
    else:
        (target / "data").mkdir(parents=True)
    for name in ("topics.yaml", "authors.yaml"):
        shutil.copy2(Path(content) / "data" / name, target / "data" / name)
    rng = random.Random(20230220)
    text = {lang: sentences(content, lang) for lang in ("ar", "en")}
    titles = {"ar": "مادة مولّدة للقياس رقم {n}", "en": "Generated benchmark item {n}"}
    for n in range(items):
        category = "publications" if n % 3 else "news"
        meta = [f"Date: 20{10 + n % 14:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                f"Topics: {', '.join(rng.sample(TOPICS, 2))}"]
        if category == "publications":
            meta += [f"Type: {TYPES[n % len(TYPES)]}", "Authors: 7amleh"]
        for lang in ("ar", "en"):
            paragraphs = ["\n".join(rng.sample(text[lang], 3)) for _ in range(4)]
            summary = rng.choice(text[lang])
            path = target / category / f"item-{n:05d}.{lang}.md"
            path.parent.mkdir(exist_ok=True, parents=True)
            path.write_text("\n".join([f"Title: {titles[lang].format(n=n)}", *meta, f"Summary: {summary}", "",
                                       "\n\n".join(paragraphs), ""]), encoding="utf-8")
    return target
