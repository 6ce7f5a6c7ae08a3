"""Checks on the metadata block at the top of a Markdown file, with line numbers.

Pelican parses the same block later; we read it first so that every mistake can name
the line it is on (Pelican's own errors do not).
"""

import datetime
import difflib
import re

from messages import sentences, t

from .errors import ContentError

KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Keys Pelican would honour but that would break the one-file-per-language contract.
FORBIDDEN_KEYS = {
    "save_as": t("URLs follow the site's scheme; remove this line"),
    "url": t("URLs follow the site's scheme; remove this line"),
}
# What the file's place already says. A stock Pelican site writes them, so a line that agrees is
# accepted (and dropped before Pelican reads it: reader.py); one that disagrees names both values.
PLACE_KEYS = ("slug", "category")
# Pelican's statuses; any other value would make Pelican skip the file with an error naming no line.
STATUSES = ("published", "draft", "hidden", "skip")


LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what Markdown counts as a line break (not \v, \f or U+2028)
# An Arabic keyboard types Arabic-Indic digits (٠-٩), a Persian one Extended Arabic-Indic (۰-۹):
# a date typed either way is the same date.
LATIN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$")


def read_header(text, path=None):
    """Return {key: (value, line)} for the metadata block; keys lower-cased.

    The block is every line up to the first blank line, as in Python-Markdown's meta
    extension; an indented line continues the previous value. A key given twice is an
    error naming `path` (Pelican would keep both values as a list: a title printed as ['…', '…']).
    """
    header = {}
    last = None
    for number, raw in enumerate(LINE_BREAK.split(text), start=1):
        line = raw.rstrip()
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if not line.strip():
            break
        match = KEY_LINE.match(line)
        if match:
            last = match.group(1).lower()
            if last in header:
                raise ContentError(path, t("'{key}:' is written twice (lines {first} and {second})",
                                           key=match.group(1), first=header[last][1], second=number),
                                   line=number, hint=t("keep one of the two lines; several topics or authors go on "
                                                       "one line, separated by commas"))
            header[last] = (match.group(2).strip(), number)
        elif line.startswith((" ", "\t")) and last:
            value, at = header[last]
            header[last] = (f"{value} {line.strip()}".strip(), at)
        else:
            break  # the body started without a blank line
    return header


def suggest(word, choices):
    """'did you mean …' for a misspelt code (a messages.Text), or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return t("did you mean '{choice}'?", choice=close[0]) if close else None


def latin_digits(value):
    """'٢٠٢٦-١١-٣٠' → '2026-11-30': Arabic-Indic and Persian digits as Latin ones."""
    return value.translate(LATIN_DIGITS)


def parse_date(value):
    """Dates are ISO: YYYY-MM-DD, optionally with HH:MM, in Latin or Arabic digits. None if unparseable."""
    value = latin_digits(value)
    if not ISO_DATE.match(value):
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        return None


def split_list(value):
    return [item.strip() for item in value.split(",") if item.strip()]


def file_language(filename, languages):
    """The language of '<slug>.<lang>.md', or raise naming the file."""
    parts = filename.rsplit(".", 2)
    known = list(languages)
    if len(parts) != 3 or parts[2] != "md":
        raise ContentError(filename, t("a content file must be named <slug>.<lang>.md"),
                           hint=t("e.g. annual-report-2022.{lang}.md; languages: {languages}",
                                  lang=known[0], languages=known))
    slug, lang = parts[0].rsplit("/", 1)[-1], parts[1]
    if lang not in languages:
        raise ContentError(filename, t("unknown language '{lang}' in the file name", lang=lang),
                           hint=sentences(suggest(lang, languages),
                                          t("the site's languages are: {languages}", languages=known)))
    if not SLUG.match(slug):
        raise ContentError(filename, t("the slug '{slug}' must be lower-case latin letters, digits and hyphens",
                                       slug=slug),
                           hint=t("the slug becomes the URL and is shared by all translations"))
    return lang


def check_place(path, header, *, slug, folder, category_slug):
    """`Slug:` and `Category:` may repeat what the file's name and folder say, and nothing else.

    Compared as Pelican reads them: the slug as written (Pelican uses it as it is, so 'Item-1' would
    be another address than item-1.en.md); the category by the slug Pelican makes of it
    (`category_slug`, with the site's slugify settings: 'News' and ' news ' are the folder news/).
    """
    if "slug" in header:
        value, line = header["slug"]
        if value != slug:
            raise ContentError(path, t("'Slug: {value}' does not agree with the file name, which says '{slug}'",
                                       value=value, slug=slug), line=line,
                               hint=t("the file name is the slug: remove the Slug line, or rename the file to "
                                      "match it"))
    if "category" in header:
        value, line = header["category"]
        if category_slug(value) != category_slug(folder):
            raise ContentError(path, t("'Category: {value}' does not agree with the folder, which says '{folder}'",
                                       value=value, folder=folder), line=line,
                               hint=t("the folder is the category: remove the Category line, or move the file "
                                      "to the folder it names"))


def check_header(path, header, *, lang, languages, is_article):
    """Generic checks every item passes: title, language, date, forbidden keys, aliases."""
    from addresses.aliases import parse_aliases  # here: addresses imports bilingual
    for key, why in FORBIDDEN_KEYS.items():
        if key in header:
            raise ContentError(path, t("'{key}:' is not allowed", key=key.title()), line=header[key][1], hint=why)
    title = header.get("title")
    if title is None or not title[0]:
        line = title[1] if title else 1
        raise ContentError(path, t("the item has no title"), line=line,
                           hint=t("add a line 'Title: …' at the top of the file"))
    if "lang" in header:
        value, line = header["lang"]
        if value not in languages:
            raise ContentError(path, t("unknown language '{lang}'", lang=value), line=line,
                               hint=sentences(suggest(value, languages),
                                              t("the site's languages are: {languages}", languages=list(languages))))
        if value != lang:
            raise ContentError(path, t("'Lang: {value}' contradicts the file name, which says '{lang}'",
                                       value=value, lang=lang), line=line,
                               hint=t("the language comes from the file name; remove the Lang line or rename the file"))
    date = header.get("date")
    if is_article and date is None:
        raise ContentError(path, t("the item has no date"), line=1, hint=t("add a line 'Date: YYYY-MM-DD'"))
    if "status" in header and header["status"][0].lower() not in STATUSES:
        value, line = header["status"]
        raise ContentError(path, t("unknown status '{value}'", value=value), line=line,
                           hint=sentences(suggest(value.lower(), STATUSES),
                                          t("write 'Status: draft' to keep it unlisted, or remove the line to publish it")))
    if "translation" in header and header["translation"][0].lower() != "none":  # this language only, on purpose
        value, line = header["translation"]
        raise ContentError(path, t("'Translation:' takes only the value 'none', not '{value}'", value=value),
                           line=line,
                           hint=t("write 'Translation: none' if this item is meant for its own language only, "
                                  "with no translation; otherwise remove the line"))
    parse_aliases(path, header)  # each a path on this site, within limits; not a page of it: addresses/plan.py
    for key in ("date", "modified"):
        if key in header and parse_date(header[key][0]) is None:
            value, line = header[key]
            raise ContentError(path, t("'{value}' is not a date", value=value), line=line,
                               hint=t("write it as YYYY-MM-DD, e.g. '{key}: 2023-02-20'", key=key.title()))
