"""The search page and its index, per language: /search/ and /<lang>/search/, data beside the page."""

import logging
import time

from markupsafe import Markup
from pelican.contents import Article
from pelican.generators import Generator

from bilingual.l10n import format_date, load_translations
from bilingual.templating import translations_dir
from publications.labels import category_label, type_label
from publications.templating import vocabularies

from . import documents, shards
from .analyser import stop_word_lines
from .output import write_files
from .refs import stable_refs
from .settings import search_settings

log = logging.getLogger(__name__)


def N_(message):
    return message


PAGE_LABEL = N_("Page")
CAMPAIGN_LABEL = N_("Campaign")
MANIFEST = "manifest.json"


def plain(html):
    return Markup(html or "").striptags()


class SearchGenerator(Generator):
    """Runs after Pelican's article and page generators, so the language's items are known."""

    def generate_context(self):
        started, cpu_started = time.perf_counter(), time.process_time()
        self.options = search_settings(self.settings)
        lang = self.settings["DEFAULT_LANG"]
        self.translations = load_translations(translations_dir(self.settings), lang)
        self.topics, _ = vocabularies(self.settings)
        # Campaign pages are ordinary Pages made by the campaigns plugin's generator, which runs
        # before this one (PLUGINS order), so they are searchable like the main site's pages.
        contents = self.context["articles"] + self.context["pages"] + self.context.get("campaign_pages", [])
        items = sorted((self.item(content) for content in contents), key=lambda item: item.url)
        # Newest first, pages last: the manifest lists refs in this order, and equal scores are shown in it.
        self.items = sorted(items, key=lambda item: item.datetime, reverse=True)
        # `invoke bench --search` reports both, per language: wall time, and the CPU time that other
        # processes sharing the machine do not inflate
        self.seconds = time.perf_counter() - started
        self.cpu_seconds = time.process_time() - cpu_started

    def page_url(self):
        return f"{self.settings['LANG_PREFIX']}search/"

    def listing_urls(self):
        return [self.page_url()]

    def item(self, content):
        """An article or page as an Item: its text split into fields, its labels translated."""
        gettext = self.translations.gettext
        lang = self.settings["DEFAULT_LANG"]
        is_article = isinstance(content, Article)
        campaign = getattr(content, "campaign", None)
        if campaign is not None:
            kind = gettext(CAMPAIGN_LABEL)
        elif getattr(content, "type", None):
            kind = gettext(type_label(content.type))
        elif is_article:
            kind = gettext(category_label(content.category.slug))
        else:
            kind = gettext(PAGE_LABEL)
        date = content.date if is_article else None  # pages are not dated on the site either
        # _content, not .content: this runs in phase 1, before the static generator has listed the
        # images and PDFs, and Pelican memoizes .content — reading it here would leave every
        # {static} link in the item's page unresolved. The text is the same either way.
        headings, text = documents.html_fields(content._content)
        summary = plain(content.metadata["summary"]) if "summary" in content.metadata else ""
        labels = " ".join([kind] + [self.topics.label(str(tag), lang) for tag in getattr(content, "tags", [])]
                          + ([campaign.title[lang]] if campaign is not None else []))  # the campaign's name finds its pages
        locale = self.settings["LANGUAGES"][lang]["locale"]
        return documents.Item(
            url=content.url, title=plain(content.title), headings=headings,
            body=" ".join(part for part in (summary, text, labels) if part),
            kind=kind, date=format_date(date, locale, self.settings["NUMERALS"], "long",
                                        self.settings.get("ARABIC_MONTHS", "levantine")) if date else "",
            datetime=date.date().isoformat() if date else "", summary=summary, text=text,
        )

    def generate_output(self, writer):
        started, cpu_started = time.perf_counter(), time.process_time()
        folder = f"{self.page_url()}data/"
        # An incremental build links the last build's files when the items and options are the same, and
        # otherwise writes only the files whose bytes changed (incremental/)
        renders, made_of = getattr(writer, "renders", None), ("search", self.options, self.items)
        self.shard_count = 0  # (none made: the last build's files were linked)
        # SEARCH_LATER (`invoke serve`'s first pass): the last index stays, the next build makes this one
        if renders is None or renders.reuse(folder, made_of, stale=self.settings.get("SEARCH_LATER", False)) is None:
            files = self.index_files()
            if renders is None:
                write_files(f"{self.output_path}/{folder}", files)
            else:
                renders.write_files(folder, files)
                renders.keep(folder, made_of, [folder + name for name in files], MANIFEST)  # (not None: reused)
        url = self.page_url()
        writer.write_file(
            url + "index.html", self.get_template("search"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], template_name="search", url=url, listing_url=url,
            search_page=True, search_manifest=folder + MANIFEST,
        )
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu_started
        log.info("search %s: %d items, %d shards, %.2f s (%.2f s CPU)", self.settings["DEFAULT_LANG"], len(self.items),
                 self.shard_count, self.seconds, self.cpu_seconds)

    def index_files(self):
        """{name relative to the data folder: bytes} of the language's search index."""
        options = self.options
        # Refs come from the URLs, so an item keeps its ref, and its card its name, when others
        # come or go; the manifest lists them newest first, the order equal scores show in.
        ref_of = stable_refs([item.url for item in self.items])
        refs = [ref_of[item.url] for item in self.items]
        fields = list(options["boosts"])
        built = shards.build_shards([item.fields(ref) for ref, item in zip(refs, self.items)], fields,
                                    options["shard_bytes"])
        self.shard_count = len(built.keys)
        names = [shards.digest(data) for data in built.files]  # a changed shard gets a new name
        manifest = shards.to_json({
            "fields": fields,
            "boosts": [options["boosts"][field] for field in fields],
            "refs": refs,
            "lengths": [length for ref in refs for length in built.lengths[ref]],  # per ref, per field
            "keys": built.keys,  # shard n holds the terms from keys[n] up to keys[n + 1]
            "shards": names,  # shard n is shards/<names[n]>.json
            "stopWords": stop_word_lines(),  # as written: the browser normalises them itself
        })
        # The manifest keeps its name, so the search page that names it does not change with the
        # index; cards keep theirs (docs/decisions/0011-stable-search-files.md says how caches stay right).
        return {MANIFEST: manifest,
                **{f"shards/{name}.json": data for name, data in zip(names, built.files)},
                **{f"docs/{ref}.json": shards.to_json(item.card(options["excerpt_chars"]))
                   for ref, item in zip(refs, self.items)}}
