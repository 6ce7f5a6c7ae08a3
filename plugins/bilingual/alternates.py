"""Which page exists in which language, so every page can lead to its own translation.

Our URLs differ between languages only by the language prefix, so a page's
translation is the same path under the other prefix — if that language has it.
"""

from dataclasses import dataclass

from messages import t

from .errors import ContentError


@dataclass(frozen=True)
class Alternate:
    lang: str
    url: str
    exists: bool  # False: this page has no translation; url is that language's home


@dataclass(frozen=True)
class Entry:
    url: str
    source: str | None  # source file of an item; None for listings
    lastmod: str | None  # ISO date, for the sitemap
    in_sitemap: bool


class SiteIndex:
    """Every URL of every language, collected after reading and before writing."""

    def __init__(self, prefixes):
        self.prefixes = dict(prefixes)  # lang → '' or 'en/'; first one is the main language
        self.entries = {lang: {} for lang in prefixes}

    @property
    def languages(self):
        return list(self.prefixes)

    def neutral(self, lang, url):
        prefix = self.prefixes[lang]
        if prefix and not url.startswith(prefix):
            raise ValueError(f"{url!r} is not a {lang} URL")
        return url[len(prefix):]

    def add(self, lang, url, source=None, lastmod=None, in_sitemap=True):
        """Record a page; two sources claiming one URL in one language is an error."""
        key = self.neutral(lang, url)
        known = self.entries[lang].get(key)
        if known is not None:
            if known.source == source:
                return
            first = known.source or t("a listing page")
            raise ContentError(source or first, t("/{url} is claimed twice in '{lang}': also by {other}",
                                                  url=url, lang=lang, other=first),
                               hint=t("two items of one language cannot share a slug; rename one file"))
        self.entries[lang][key] = Entry(url, source, lastmod, in_sitemap)

    def has(self, lang, url):
        return self.neutral(lang, url) in self.entries[lang]

    def alternates(self, lang, url):
        """For every other language: the translation of this page, or that language's home."""
        key = self.neutral(lang, url)
        result = []
        for other, prefix in self.prefixes.items():
            if other == lang:
                continue
            exists = key in self.entries[other]
            result.append(Alternate(other, prefix + key if exists else prefix, exists))
        return result

    def translations(self, lang, url):
        """{lang: url} of every language that has this page, this one included."""
        key = self.neutral(lang, url)
        return {other: prefix + key for other, prefix in self.prefixes.items() if key in self.entries[other]}

    def sitemap_groups(self):
        """[(neutral path, {lang: Entry})] for every page meant for the sitemap, sorted."""
        keys = sorted({k for entries in self.entries.values() for k, e in entries.items() if e.in_sitemap})
        return [(k, {lang: self.entries[lang][k] for lang in self.prefixes if k in self.entries[lang]}) for k in keys]
