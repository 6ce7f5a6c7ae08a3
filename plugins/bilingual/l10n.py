"""Theme strings (gettext catalogs) and CLDR dates and numbers, per language.

Catalogs live in themes/<theme>/translations/<lang>/LC_MESSAGES/messages.po; the
compiled .mo beside each is build output, recompiled whenever the .po is newer.
"""

import datetime
import io
import os
from pathlib import Path

import babel.dates
import babel.numbers
import babel.units
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

NUMERAL_SYSTEMS = ("latn", "arab")
# ARABIC_MONTHS: which names Arabic dates give the months (docs/decisions/0009-arabic-month-names.md).
MONTH_STYLES = ("levantine", "both", "transliterated")
LEVANTINE = "ar_PS"  # CLDR's Arabic for Palestine: كانون الثاني … كانون الأول (so Jordan, Syria, Lebanon, Iraq)
TRANSLITERATED = "ar"  # CLDR's Arabic without a region: يناير … ديسمبر
ARAB_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def compile_catalog(po_path):
    """Compile one .po to the .mo beside it if the .mo is missing or older. Returns the .mo path."""
    po_path = Path(po_path)
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return mo_path
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    tmp = mo_path.with_suffix(f".mo.{os.getpid()}")
    tmp.write_bytes(buffer.getvalue())
    os.replace(tmp, mo_path)  # concurrent builds never read half a file
    return mo_path


def load_translations(translations_dir, lang):
    """The language's catalog, compiled if needed; English source strings if it has none."""
    po_path = Path(translations_dir) / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return NullTranslations()
    with compile_catalog(po_path).open("rb") as mo_file:
        return Translations(mo_file)


def with_numerals(text, numerals):
    return text.translate(ARAB_DIGITS) if numerals == "arab" else text


def month_locale(locale, months):
    """The locale to format a date with: an Arabic one's month names follow ARABIC_MONTHS ("both": Levantine)."""
    if Locale.parse(locale).language != "ar":
        return locale
    return TRANSLITERATED if months == "transliterated" else LEVANTINE


def format_date(value, locale, numerals, fmt="long", months="levantine"):
    """The date in the language's words; in Arabic with `months` (ARABIC_MONTHS): 'تشرين الثاني (نوفمبر)' for "both"."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    text = babel.dates.format_date(value, fmt, locale=month_locale(locale, months))
    if months == "both" and Locale.parse(locale).language == "ar":
        levantine = babel.dates.get_month_names("wide", locale=LEVANTINE)[value.month]
        other = babel.dates.get_month_names("wide", locale=TRANSLITERATED)[value.month]
        text = text.replace(levantine, f"{levantine} ({other})", 1)
    return with_numerals(text, numerals)


def format_number(value, locale, numerals):
    # Babel's numbering_system switches separators (٬ ٫) but leaves the digits Latin.
    return with_numerals(babel.numbers.format_decimal(value, locale=locale, numbering_system=numerals), numerals)


def format_size(size_bytes, locale, numerals):
    """A file size people read: '340 kB', '1.2 MB', in the page's language."""
    if size_bytes >= 1_000_000:
        amount, unit = round(size_bytes / 1_000_000, 1), "digital-megabyte"
    else:
        amount, unit = max(1, round(size_bytes / 1_000)), "digital-kilobyte"
    text = babel.units.format_unit(amount, unit, length="short", locale=locale, numbering_system=numerals)
    return with_numerals(text, numerals)
