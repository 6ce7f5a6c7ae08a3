"""What the theme's templates get: gettext, CLDR filters and the language-switch helpers."""

import functools
import hashlib
import os

from babel import Locale
from jinja2 import pass_context

from incremental.trace import record_lookups

from .compiled import SHARED
from .l10n import format_date, format_number, format_size, load_translations


def translations_dir(settings):
    return os.path.join(settings["THEME"], "translations")


@pass_context
def page_url(ctx):
    """The URL of the page being rendered (page 1 of a paginated listing).

    Pelican's writer does not pass its `url` argument to templates, so we ask the
    object the page is about, then the direct template's <NAME>_URL setting.
    """
    for key in ("article", "page", "category", "tag", "author"):
        item = ctx.get(key)
        if item is not None and hasattr(item, "url"):
            return item.url
    if ctx.get("listing_url"):
        return ctx["listing_url"]  # listings made by our own generators
    template = ctx.get("template_name")
    return ctx.get(f"{template.upper()}_URL", ctx["LANG_PREFIX"]) if template else ctx["LANG_PREFIX"]


@pass_context
def page_alternates(ctx):
    """[Alternate] for every other language: this page's translation or that language's home."""
    index = ctx["SITE_INDEX"]
    url = page_url(ctx)
    lang = ctx["DEFAULT_LANG"]
    return index.alternates(lang, url) if index.has(lang, url) else index.alternates(lang, ctx["LANG_PREFIX"])


@pass_context
def page_translations(ctx):
    """{lang: url} of every language this page exists in, for hreflang links."""
    index = ctx["SITE_INDEX"]
    url = page_url(ctx)
    lang = ctx["DEFAULT_LANG"]
    return index.translations(lang, url) if index.has(lang, url) else {lang: url}


@pass_context
def item_translations(ctx, item):
    """{lang: url} of the other languages an item is also published in."""
    lang = ctx["DEFAULT_LANG"]
    return {other: url for other, url in ctx["SITE_INDEX"].translations(lang, item.url).items() if other != lang}


@pass_context
def page_exists(ctx, url):
    """Is `url` a page of this language? A draft is written alone: the listings it would link to
    (its category, topics, authors, type) may have no published item yet, so no page."""
    return ctx["SITE_INDEX"].has(ctx["DEFAULT_LANG"], url)


@functools.lru_cache(maxsize=64)
def _content_hash(path, mtime_ns):
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()[:10]


def theme_asset_url(settings, path):
    """/theme/<path>?v=<content hash>: a changed file gets a new address, so it can be cached for ever.

    deploy/settings.py marks theme CSS and JS immutable because every link to them goes through here.
    """
    source = os.path.join(settings["THEME"], "static", path)
    version = _content_hash(source, os.stat(source).st_mtime_ns)
    return f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{path}?v={version}"


def setup_environment(env, settings):
    """Install the language's catalog and helpers into one generator's Jinja environment."""
    lang = settings["DEFAULT_LANG"]
    locale = settings["LANGUAGES"][lang]["locale"]
    numerals = settings["NUMERALS"]
    env.bytecode_cache = SHARED  # each template compiled once, not once per generator (compiled.py)
    record_lookups(env)  # what each page reads, so a rebuild knows which pages changed (incremental/)
    env.install_gettext_translations(load_translations(translations_dir(settings), lang), newstyle=True)
    months = settings.get("ARABIC_MONTHS", "levantine")
    env.filters["l10n_date"] = lambda value, fmt="long": format_date(value, locale, numerals, fmt, months)
    env.filters["l10n_number"] = lambda value: format_number(value, locale, numerals)
    env.filters["l10n_size"] = lambda value: format_size(value, locale, numerals)
    names = Locale.parse(locale).languages
    env.filters["language_name"] = lambda code: names.get(code, settings["LANGUAGES"][code]["name"])
    env.globals.update(
        page_url=page_url,
        page_alternates=page_alternates,
        page_translations=page_translations,
        item_translations=item_translations,
        page_exists=page_exists,
        theme_asset=lambda path: theme_asset_url(settings, path),
    )
