"""The language table and the settings each language's Pelican run gets.

Every language but the default one lives under /<code>/. URLs are the same in every
language apart from that prefix; the language switcher relies on it.
"""

import re

from messages import t

from .errors import ContentError
from .l10n import NUMERAL_SYSTEMS
from .settingsfile import locate

DIRECTIONS = ("rtl", "ltr")
REQUIRED_KEYS = ("name", "dir", "locale", "og_locale")
LANG_CODE = re.compile(r"^[a-z]{2,3}$")


def _error(settings_file, message, name, *keys):
    """A ContentError naming the settings file and the line where NAME[keys…] is set."""
    path, line = locate(settings_file, name, *keys)
    return ContentError(path, message, line=line)


def check_languages(settings, settings_file):
    """Stop on a language table that cannot work; name the settings file and line."""
    languages = settings.get("LANGUAGES")
    default = settings.get("DEFAULT_LANG")
    if not isinstance(languages, dict) or not languages:
        raise _error(settings_file, t("LANGUAGES must be a dict of language code → details"), "LANGUAGES")
    for code, info in languages.items():
        if not LANG_CODE.match(code):
            raise _error(settings_file, t("LANGUAGES: '{code}' is not a two- or three-letter code", code=code),
                         "LANGUAGES", code)
        missing = [k for k in REQUIRED_KEYS if k not in (info or {})]
        if missing:
            raise _error(settings_file, t("LANGUAGES['{code}'] lacks {keys}", code=code, keys=missing), "LANGUAGES", code)
        if info["dir"] not in DIRECTIONS:
            raise _error(settings_file, t("LANGUAGES['{code}']['dir'] must be 'rtl' or 'ltr'", code=code),
                         "LANGUAGES", code, "dir")
    if settings.get("NUMERALS") not in NUMERAL_SYSTEMS:
        raise _error(settings_file, t("NUMERALS must be one of {choices}", choices=list(NUMERAL_SYSTEMS)),
                     "NUMERALS")
    if default not in languages:
        raise _error(settings_file, t("DEFAULT_LANG '{lang}' is not in LANGUAGES ({languages})",
                                      lang=default, languages=list(languages)), "DEFAULT_LANG")


def ordered_languages(settings):
    """The default language first, then the others in the order of the table."""
    default = settings["DEFAULT_LANG"]
    return [default] + [code for code in settings["LANGUAGES"] if code != default]


def prefix_for(code, main_lang):
    return "" if code == main_lang else f"{code}/"


def language_settings(code, main_lang, languages):
    """Settings that turn one Pelican run into the build of one language."""
    p = prefix_for(code, main_lang)
    others = [c for c in languages if c != code]
    return {
        "DEFAULT_LANG": code,
        "MAIN_LANG": main_lang,
        "LANG_PREFIX": p,
        # Each run reads only its own language's files: <slug>.<lang>.md. Hidden files (.DS_Store, .gitkeep,
        # editors' .#locks; safety.files refuses any other) and *~ backups are never read or published.
        "IGNORE_FILES": [".*", "*~", *(f"*.{other}.md" for other in others)],
        "FILENAME_METADATA": r"(?P<slug>[^.]+)\.(?P<lang>[^.]+)",
        "ARTICLE_URL": p + "{category}/{slug}/",
        "ARTICLE_SAVE_AS": p + "{category}/{slug}/index.html",
        "ARTICLE_LANG_URL": p + "{category}/{slug}/",
        "ARTICLE_LANG_SAVE_AS": p + "{category}/{slug}/index.html",
        "DRAFT_URL": p + "drafts/{slug}/",
        "DRAFT_SAVE_AS": p + "drafts/{slug}/index.html",
        "DRAFT_LANG_URL": p + "drafts/{slug}/",
        "DRAFT_LANG_SAVE_AS": p + "drafts/{slug}/index.html",
        # Static files (PDFs, images) live once, at their own path, whatever their language.
        "STATIC_URL": "{path}",
        "STATIC_SAVE_AS": "{path}",
        "STATIC_LANG_URL": "{path}",
        "STATIC_LANG_SAVE_AS": "{path}",
        "PAGE_URL": p + "{slug}/",
        "PAGE_SAVE_AS": p + "{slug}/index.html",
        "PAGE_LANG_URL": p + "{slug}/",
        "PAGE_LANG_SAVE_AS": p + "{slug}/index.html",
        "CATEGORY_URL": p + "{slug}/",
        "CATEGORY_SAVE_AS": p + "{slug}/index.html",
        "TAG_URL": p + "topics/{slug}/",
        "TAG_SAVE_AS": p + "topics/{slug}/index.html",
        "AUTHOR_URL": p + "authors/{slug}/",
        "AUTHOR_SAVE_AS": p + "authors/{slug}/index.html",
        "INDEX_URL": p,
        "INDEX_SAVE_AS": p + "index.html",
        "TAGS_URL": p + "topics/",
        "TAGS_SAVE_AS": p + "topics/index.html",
        "AUTHORS_URL": p + "authors/",
        "AUTHORS_SAVE_AS": p + "authors/index.html",
        "404_URL": p + "404.html",
        "404_SAVE_AS": p + "404.html",
        # the page an address that is gone answers with its 410 (plugins/addresses): one per language
        "GONE_URL": p + "gone.html",
        "GONE_SAVE_AS": p + "gone.html",
        "DIRECT_TEMPLATES": ["index", "tags", "authors", "404", "gone"],
        "CATEGORIES_SAVE_AS": "",
        "ARCHIVES_SAVE_AS": "",
        "YEAR_ARCHIVE_SAVE_AS": "",
        "MONTH_ARCHIVE_SAVE_AS": "",
        "DAY_ARCHIVE_SAVE_AS": "",
        "PAGINATED_TEMPLATES": {"index": None, "tag": None, "category": None, "author": None, "type": None},
        "PAGINATION_PATTERNS": [
            (1, "{url}", "{save_as}"),
            (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
        ],
        "FEED_ALL_ATOM": p + "feeds/all.atom.xml",
        "CATEGORY_FEED_ATOM": p + "feeds/{slug}.atom.xml",
        "FEED_ATOM": None,
        "FEED_RSS": None,
        "FEED_ALL_RSS": None,
        "CATEGORY_FEED_RSS": None,
        "TRANSLATION_FEED_ATOM": None,
        "TRANSLATION_FEED_RSS": None,
        "AUTHOR_FEED_ATOM": None,
        "AUTHOR_FEED_RSS": None,
        "TAG_FEED_ATOM": None,
        "TAG_FEED_RSS": None,
        # Autoescape: titles and summaries end up in attributes; Markdown output is marked safe in templates.
        "JINJA_ENVIRONMENT": {"extensions": ["jinja2.ext.i18n"], "trim_blocks": True, "lstrip_blocks": True,
                              "autoescape": True},
    }
