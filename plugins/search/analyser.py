"""The search analyser (docs/search-analyser.md), Python side; themes/base/static/js/search/analyser.js
is the same specification in JavaScript, and the golden-token test holds the two together.

Three lunr pipeline functions, registered under the same labels as in the browser, so an
index serialised here names functions the browser can load:

    hamleh-normalise   NFKC, lowercase, Arabic marks and letter forms, digits → tokens
    hamleh-stop-words  drops Arabic and English stop-words
    hamleh-stem        light Arabic stemmer, lunr's English stemmer for Latin words
"""

import functools
import re
import unicodedata
from pathlib import Path

from lunr.pipeline import Pipeline
from lunr.token import Token
from lunr.tokenizer import Tokenizer

from . import porter

LABELS = ("hamleh-normalise", "hamleh-stop-words", "hamleh-stem")
STOP_WORDS_DIR = Path(__file__).with_name("stopwords")

# Harakat and Quranic marks (U+064B–U+065F, U+0670, U+0610–U+061A, U+06D6–U+06ED) and tatweel,
# minus fathatan (U+064B), which is dropped a step later together with its alif.
MARKS = re.compile("[\u064C-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u00AD\u200C\u200D]")
TANWEEN_ALIF = re.compile("\u064B\u0627|\u0627\u064B")  # إصدارًا and إصداراً → إصدار
FATHATAN = re.compile("\u064B")
LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ی": "ي",  # alif maqsura and Persian yeh → yeh
    "ة": "ه", "ۀ": "ه",  # ta marbuta → heh
    "ؤ": "ء", "ئ": "ء",  # hamza on a seat → hamza: مسؤول and مسئول meet
    "ک": "ك",  # Persian keheh → kaf
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
})
DIGIT_GROUPS = re.compile("(?<=[0-9])[,\u066C](?=[0-9])")  # 3,000 and ٣٬٠٠٠ → 3000

ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")  # longest first
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")  # tried in this order, again after each removal
LATIN = re.compile("[a-z]")


def is_arabic(char):
    return ("\u0600" <= char <= "\u06FF" or "\u0750" <= char <= "\u077F" or "\u08A0" <= char <= "\u08FF"
            or "\uFB50" <= char <= "\uFDFF" or "\uFE70" <= char <= "\uFEFF")


def char_class(char):
    """'A' Arabic letter or mark, 'W' any other letter, mark or digit, None a separator."""
    if unicodedata.category(char)[0] not in "LMN":
        return None
    return "A" if is_arabic(char) else "W"


def normalise_text(text):
    """Everything before splitting: one string in, one string out."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = MARKS.sub("", text)
    text = TANWEEN_ALIF.sub("", text)
    text = FATHATAN.sub("", text)
    text = text.translate(LETTERS)
    return DIGIT_GROUPS.sub("", text)


def split(text):
    """Maximal runs of one class: Arabic letters, or other letters and digits."""
    tokens, current, current_class = [], [], None
    for char in text:
        cls = char_class(char)
        if cls != current_class and current:
            tokens.append("".join(current))
            current = []
        if cls is not None:
            current.append(char)
        current_class = cls
    if current:
        tokens.append("".join(current))
    return tokens


def stem_arabic(word):
    """Light10-style: one article (or و, then an article), then suffixes until none is left.

    Light10 goes through the suffixes once; going again after each removal makes فلسطين,
    فلسطيني and فلسطينيات meet (one pass would leave فلسط, فلسطين and فلسطين)."""
    for article in ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article):]
            break
    else:
        if word.startswith("و") and len(word) >= 4:
            word = word[1:]
            for article in ARTICLES[1:]:
                if word.startswith(article) and len(word) - len(article) >= 2:
                    word = word[len(article):]
                    break
    removed = True
    while removed:
        removed = False
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                word = word[:-len(suffix)]
                removed = True
                break
    return word


@functools.lru_cache(maxsize=200_000)  # words repeat: the build meets each one thousands of times
def normalise_word(text):
    return tuple(split(normalise_text(text)))


@functools.lru_cache(maxsize=200_000)
def stem_word(word):
    if is_arabic(word[0]):
        return stem_arabic(word)
    if LATIN.search(word):
        return porter.stem(word)
    return word  # digits, other scripts


def stop_word_lines(folder=STOP_WORDS_DIR):
    """The lines of stopwords/*.txt as written (one word per line, # starts a comment)."""
    lines = []
    for path in sorted(Path(folder).glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                lines.append(line)
    return lines


def normalise_stop_words(lines):
    """Stop-words go through the same normalisation as the text they are compared with."""
    return frozenset(word for line in lines for word in split(normalise_text(line)))


STOP_WORDS = normalise_stop_words(stop_word_lines())


def normalise(token, i=None, tokens=None):
    return [Token(part, token.metadata) for part in normalise_word(str(token))]


def drop_stop_words(token, i=None, tokens=None):
    return None if str(token) in STOP_WORDS else token


def stem(token, i=None, tokens=None):
    return token.update(lambda word, metadata: stem_word(word))


PIPELINE_FUNCTIONS = (normalise, drop_stop_words, stem)
for _function, _label in zip(PIPELINE_FUNCTIONS, LABELS):
    if Pipeline.registered_functions.get(_label) is not _function:
        Pipeline.register_function(_function, _label)


def pipeline():
    """A lunr pipeline running the analyser (for the builder and for the serialised search pipeline)."""
    result = Pipeline()
    result.add(*PIPELINE_FUNCTIONS)
    return result


def words(text):
    """The text split at white space. lunr.py's own tokenizer walks the text character by character
    in Python; the analyser splits at every non-letter anyway, so splitting at white space first
    (in C) gives the same terms, faster."""
    return (text or "").split()


@functools.lru_cache(maxsize=200_000)
def word_terms(word):
    """The terms of one word (text between white space): what lunr's tokenizer (which lowercases)
    and the three pipeline functions make of it. Each function treats a token on its own, so a word
    gives the same terms wherever it occurs, and words repeat by the thousand: worked out once."""
    return tuple(stem_word(part) for part in normalise_word(word.lower()) if part not in STOP_WORDS)


def analyse(text):
    """The terms of a text, exactly as the index builder sees them (search/index.py)."""
    return [term for word in words(text) for term in word_terms(word)]


def analyse_with_lunr(text):
    """The same terms, through lunr.py's own tokenizer and pipeline: the reference `analyse` and
    search/index.py are tested against."""
    return [str(token) for token in pipeline().run(Tokenizer(words(text)))]
