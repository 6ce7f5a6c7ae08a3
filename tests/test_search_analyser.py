"""The analyser (docs/search-analyser.md): one specification, Python and the browser's JavaScript agree."""

import re

import pytest

from conftest import ROOT
from search import analyser, porter
from search_node import analyse_in_node

# Edge cases beside the site's own text: each line is analysed on both sides.
EDGE_CASES = [
    "أحمد إبراهيم آمال ٱلكتاب", "مدرسة المدرسه", "مستشفى مستشفي", "مسؤول مسئول", "سؤال سئل",
    "إصدارًا إصداراً إصدارا", "العَرَبِيَّةُ الفُصْحَى", "فلســــطين", "ﻻ ﷺ ﻟﻠﻤﺪﺭﺳﺔ",
    "٢٠٢٢ ۲۰۲۲ 2022", "٣٬٠٠٠ و3,000 و1.5", "الـGNI وECOSOC", "7amleh حملة7",
    "والمدرسة بالمدرسة كالمدرسة فالمدرسة للمدرسة ومدرسة وبالمدرسة وللمدرسة",
    "فلسطيني فلسطينية فلسطينيون فلسطينيين الفلسطينيات", "انتهاك انتهاكات الانتهاكات وانتهاكاتها",
    "ومن في على إلى الى عن", "trying lay try running happiness relational generalization",
    "yelling yes Yesterday", "Ⅻ café ÉCOLE straße İstanbul", "Σ ΟΔΟΣ", "中文 עברית",
    "😀 emoji 👍🏽", "* ~ ^ : + - \" ' ( ) [ ] { }", "a-b_c.d/e\\f", "x" * 60, "ب", "",
    "مي‌خواهم ZWNJ‌inside", "soft\u00adhyphen", "tab\there\nnewline", "ک ی ۀ",
]


def content_lines():
    lines = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def test_python_and_javascript_give_identical_tokens_on_the_golden_list():
    texts = content_lines() + EDGE_CASES
    python = [analyser.analyse(text) for text in texts]
    javascript = analyse_in_node(texts, analyser.stop_word_lines())
    assert sum(len(tokens) for tokens in python) >= 1000
    assert python == [analyser.analyse_with_lunr(text) for text in texts]  # words analysed once = lunr.py's pipeline
    differences = [(text, p, j) for text, p, j in zip(texts, python, javascript) if p != j]
    assert differences == []


def test_porter_port_follows_lunr_js_not_lunr_py():
    # lunr.py's own stemmer says "lai" and "try"; the browser says "lay" and "tri".
    assert porter.stem("lay") == "lay"
    assert porter.stem("try") == "tri"
    words = "caresses ponies running happiness relational conditional generalization hopeful".split()
    assert [porter.stem(w) for w in words] == ["caress", "poni", "run", "happi", "relat", "condit", "gener", "hope"]


@pytest.mark.parametrize("text, tokens", [
    ("أحمد إبراهيم آمال", ["احمد", "ابراهيم", "امال"]),  # hamza forms of alif
    ("مستشفى مستشفي", ["مستشف", "مستشف"]),  # alif maqsura is yeh (then a suffix)
    ("مسؤول مسئول", ["مسءول", "مسءول"]),  # hamza seats meet
    ("العَرَبِيَّةُ", ["عرب"]),  # harakat, article, ية
    ("فلســــطين فلسطيني فلسطينية فلسطينيون الفلسطينيات", ["فلسط"] * 5),  # tatweel; suffixes until none is left
    ("إصدارًا", ["اصدار"]),  # the tanween alif goes with its tanween
    ("٢٠٢٢ ۲۰۲۲", ["2022", "2022"]),  # Arabic-Indic and Persian digits
    ("٣٬٠٠٠ 3,000", ["3000", "3000"]),  # digit groups
    ("والمدرسة وبالمدرسة للمدرسة ومدرسة", ["مدرس"] * 4),  # prefixes
    ("انتهاكات", ["انتهاك"]),  # plural suffix
    ("الـGNI", ["gni"]),  # scripts split, ال alone is a stop-word
    ("في من The of", []),  # stop-words of both languages
    ("reports Reporting", ["report", "report"]),  # lunr's English stemmer
    ("😀 * ~ ^ : + -", []),  # no word, no token, no error
])
def test_analyser_examples(text, tokens):
    assert analyser.analyse(text) == tokens


def test_stop_words_are_normalised_like_text():
    assert "الي" in analyser.STOP_WORDS  # إلى, as the analyser writes it
    assert not any(re.search("[أإآىة]", word) for word in analyser.STOP_WORDS)
