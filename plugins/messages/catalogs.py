"""The message catalogs: every `messages.<lang>.po` of the plugins, deploy/ and tooling/, read as one.

English is the language the messages are written in, so it needs no catalog. The .po files are
compiled in memory when first needed (a few hundred messages: milliseconds), so there is no .mo
to keep in step.
"""

import functools
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("ar", "en")  # the languages messages can be shown in


def speakers():
    """Every package whose messages people read: each plugin, `deploy` (invoke publish) and `tooling` (the
    other tasks; tasks.py's own messages are tooling's). Each keeps its catalog beside its code."""
    plugins = sorted({path.parent for path in (ROOT / "plugins").glob("*/*.py")})
    return plugins + [ROOT / "deploy", ROOT / "tooling"]


def catalog_files(lang):
    """Every catalog of `lang`, in a fixed order."""
    return [package / f"messages.{lang}.po" for package in speakers() if (package / f"messages.{lang}.po").exists()]


def read_catalog(path):
    """A .po (its language from the name: messages.ar.po) or a .pot."""
    path = Path(path)
    locale = path.suffixes[0].lstrip(".") if path.suffix == ".po" else None
    with open(path, "rb") as po_file:
        return read_po(po_file, locale=locale)


@functools.lru_cache(maxsize=None)
def translations(lang):
    """One gettext Translations for `lang`, merging every catalog (English: the templates themselves)."""
    files = catalog_files(lang) if lang != "en" else []
    if not files:
        return NullTranslations()
    merged = read_catalog(files[0])
    for path in files[1:]:
        for message in read_catalog(path):
            if message.id and message.id not in merged:
                merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)
