"""Latin file names for imported items and files.

An item's name is its English partner's WordPress slug; an item with no English partner gets a
transliteration of its Arabic title through the table below — explicit, letter by letter, with
no vowels invented (Arabic script writes few): "تقرير الخصوصية" → "tqryr-al-khswsya". It is a
default the report lists, for staff to rename before the first publication if they wish.
"""

import re
import unicodedata
from urllib.parse import unquote

SLUG_PART = re.compile(r"[a-z0-9]+")
MAX_SLUG = 60

# Arabic letter → Latin. Hamza carriers follow their vowel; ع and ء are left out (no Latin letter
# reads as them, and an apostrophe cannot be in an address).
ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "", "ئ": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a",
    "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g", "ک": "k", "ی": "y",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "ـ": "",  # tatweel
}


def decode(name):
    """A WordPress slug as its letters: 'تقرير' from '%d8%aa%d9%82…'."""
    try:
        return unquote(name, errors="strict")
    except UnicodeDecodeError:
        return name


def latin(text):
    """'Annual Report 2022!' → 'annual-report-2022'; letters with accents lose them; '' if nothing Latin."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return cut("-".join(SLUG_PART.findall(plain)))


def transliterate(text):
    """An Arabic title in Latin letters, by the table; Latin letters and digits kept; '' if none."""
    words = []
    text = "".join(ch for ch in text if not unicodedata.combining(ch))  # vowel marks, shadda
    for word in re.split(r"\W+", text):
        if not word:
            continue
        prefix = ""
        if word.startswith("ال") and len(word) > 3:  # the article, written apart: al-…
            prefix, word = "al-", word[2:]
        letters = "".join(ARABIC.get(ch, ch) for ch in word)
        letters = latin(letters)
        if letters:
            words.append(prefix + letters)
    return cut("-".join(words))


def cut(slug):
    """At most MAX_SLUG characters, cut at a hyphen."""
    if len(slug) <= MAX_SLUG:
        return slug
    head = slug[:MAX_SLUG + 1]
    return head[: head.rfind("-")] if "-" in head else slug[:MAX_SLUG]


def item_slug(english_name, name, title):
    """(slug, how) for an item: 'english' (its English partner's slug), 'own' (its own Latin slug) or
    'transliterated' (its title, through the table)."""
    if english_name:
        slug = latin(decode(english_name))
        if slug:
            return slug, "english"
    slug = latin(decode(name)) if decode(name).isascii() else ""
    if slug:
        return slug, "own"
    return transliterate(title) or latin(title), "transliterated"


def file_name(name):
    """A clean name for an uploaded file: 'تقرير 2022 (نهائي).PDF' → 'tqryr-2022-nhay.pdf'."""
    stem, dot, ending = name.rpartition(".")
    if not dot:
        stem, ending = name, ""
    stem = decode(stem)
    clean = latin(stem) if stem.isascii() else transliterate(stem)
    return (clean or "file") + ("." + ending.lower() if ending else "")
