"""The site read once and kept, so that a saved item's page can be rendered in a moment (`invoke serve`).

A rebuild, however little it renders, first reads every item again (from the content cache) and keys
every page: seconds, at a thousand items per language. `invoke serve` wants the saved page on screen
before that. A `SiteModel` holds what a build's read phase makes — every language's generators, items,
Jinja environments and the `SiteIndex` — and, for a saved Markdown file, reads that one file again,
puts the new item where the old one was, and renders the item's own page exactly as the build's writer
does, into a folder of its own. The preview server shows that file over `output/` until the build that
follows is in place (tooling/previewer.py, tooling/saveloop.py, tooling/devserver.py).

A preview is a first look, never the site: the full build runs right after it, with every check, and
its output replaces the preview. So the model declines whenever the page might differ from what the
build will write: a file it did not read, an item that moved (address, status, template, date,
modified date, category, topics, authors — what places the item among the others), a file that does
not read cleanly, or anything logged as a problem while reading or rendering. Then only the build runs.
The same reader, checks and sanitiser read the file as in a build: nothing the build would refuse is
ever shown.
"""

import logging
import os
import shutil
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator

from .alternates import SiteIndex
from .build import ProblemCollector, collecting, language_sites, load_base_settings, read_and_index
from .languages import ordered_languages, prefix_for
from .urls import ITEM_LISTS
from .writer import AbsoluteFeedWriter

log = logging.getLogger(__name__)
# What places an item among the others (listings, feeds, the SiteIndex, the switcher): if any differs, the
# pages around it change too, and only a build shows that.
PLACE = ("url", "save_as", "status", "template", "lang", "slug", "date", "modified", "category")
PLACE_LISTS = ("tags", "authors")


class SiteModel:
    """Every language of the site, read as a build reads it, writing into `folder`."""

    def __init__(self, sites, folder):
        self.sites, self.folder = sites, Path(folder)
        self.items = {}  # the real path of each item's file → (site, generator, item)
        for site in sites:
            for generator in site.generators:
                if isinstance(generator, (ArticlesGenerator, PagesGenerator)):
                    for name in ITEM_LISTS:
                        for item in getattr(generator, name, None) or []:
                            self.items[os.path.realpath(item.source_path)] = (site, generator, item)
                elif hasattr(generator, "first_look_pages"):  # a generator of ours (campaigns) that reads and
                    for item in generator.first_look_pages():  # writes its pages itself: read_again, write_page
                        self.items[os.path.realpath(item.source_path)] = (site, generator, item)

    @classmethod
    def load(cls, settings_file, content, overrides, folder):
        """Read the site (the content cache is read, never written: the builds own it). Raises BuildError
        when the site does not read cleanly — there is nothing to preview then."""
        settings_file = Path(settings_file).resolve()
        overrides = {**overrides, "SETTINGS_FILE": str(settings_file), "PATH": str(Path(content).resolve())}
        collector = ProblemCollector()
        with collecting(collector):
            base = load_base_settings(settings_file, overrides)
            sites = language_sites(settings_file, base, overrides, folder, CACHE_CONTENT=False)
            index = SiteIndex({lang: prefix_for(lang, base["DEFAULT_LANG"]) for lang in ordered_languages(base)})
            read_and_index(sites, index, collector, base["PATH"])
        return cls(sites, folder)

    def find(self, path):
        """(site, generator, item) of the item read from `path`, or None."""
        return self.items.get(os.path.realpath(path))

    def render(self, paths):
        """The saved files' pages, rendered into the folder (emptied first): the files written, relative to it
        — or None when any of them cannot be shown before the build (the module's docstring says when)."""
        empty(self.folder)
        collector = ProblemCollector()
        with collecting(collector):
            shown = all(self._render_one(path) for path in paths)
        if collector.errors or collector.unresolved:
            log.info("no preview: %s", (collector.errors or collector.unresolved)[0])
            shown = False
        if not shown:
            empty(self.folder)  # nothing half-shown
            return None
        return sorted(str(p.relative_to(self.folder)) for p in self.folder.rglob("*") if p.is_file())

    def _render_one(self, path):
        found = self.find(path)
        if found is None:
            log.info("no preview: %s is not an item this model read", path)
            return False
        site, generator, old = found
        own = hasattr(generator, "first_look_pages")  # a campaign page: its generator reads and writes it
        new = read_own_again(generator, old) if own else read_again(generator, old)
        if new is None or not same_place(old, new):
            log.info("no preview: %s no longer reads as the same item in the same place", path)
            return False
        for name, value in vars(old).items():  # what was set after reading (the frozen URL, translations)
            if name not in vars(new):
                setattr(new, name, value)
        if not own:  # what Pelican's generators do after reading, and the campaigns' does not
            new.refresh_metadata_intersite_links()
            generator.add_static_links(new)
        seen = {}
        holders = [site.context, *(vars(g) for g in site.generators)]
        if getattr(old, "campaign", None) is not None:  # its campaign lists its pages (the campaign's menu)
            holders.append(vars(old.campaign))
        for holder in holders:
            put_in_place(holder, old, new, seen)
        self.items[os.path.realpath(path)] = (site, generator, new)
        if own:
            generator.write_page(AbsoluteFeedWriter(str(self.folder), settings=site.settings), new)
        else:
            write_page(site, generator, new, self.folder)
        return True


def empty(folder):
    for child in folder.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


def read_again(generator, item):
    """The item's file read again, as the generator read it (checks, charts and sanitiser included), or None."""
    article = isinstance(generator, ArticlesGenerator)
    try:
        new = generator.readers.read_file(
            base_path=generator.path, path=os.path.relpath(item.source_path, generator.path),
            content_class=Article if article else Page, context=generator.context,
            preread_signal=signals.article_generator_preread if article else signals.page_generator_preread,
            preread_sender=generator,
            context_signal=signals.article_generator_context if article else signals.page_generator_context,
            context_sender=generator)
    except Exception as error:  # noqa: BLE001 (the build that follows names it, with its line)
        log.info("no preview: %s: %s", item.source_path, error)
        return None
    return new if type(new) is type(item) and new.is_valid() else None


def read_own_again(generator, item):
    """A page of a generator of ours read again (campaigns: CampaignGenerator.read_again), or None."""
    try:
        new = generator.read_again(item)
    except Exception as error:  # noqa: BLE001 (the build that follows names it, with its line)
        log.info("no preview: %s: %s", item.source_path, error)
        return None
    return new if new is not None and type(new) is type(item) and new.is_valid() else None


def same_place(old, new):
    """Does the item sit where it sat: the same address and everything the pages around it group it by?"""
    if any(getattr(old, name, None) != getattr(new, name, None) for name in PLACE):
        return False
    return all(list(map(str, getattr(old, name, []) or [])) == list(map(str, getattr(new, name, []) or []))
               for name in PLACE_LISTS)


def put_in_place(value, old, new, seen):
    """`value` with `new` wherever it held `old`: lists and dicts changed in place, tuples made again.

    Only containers are followed, not objects: the generators' lists, groups and the shared context are
    where other pages find an item."""
    if not isinstance(value, (list, dict, tuple)):
        return value
    if id(value) in seen:
        return seen[id(value)]
    seen[id(value)] = value
    if isinstance(value, list):
        for i, part in enumerate(value):
            value[i] = new if part is old else put_in_place(part, old, new, seen)
    elif isinstance(value, dict):
        for key, part in value.items():
            value[key] = new if part is old else put_in_place(part, old, new, seen)
    elif isinstance(value, tuple):
        parts = [new if part is old else put_in_place(part, old, new, seen) for part in value]
        if any(a is not b for a, b in zip(parts, value)):
            seen[id(value)] = type(value)(*parts) if hasattr(value, "_fields") else type(value)(parts)
    return seen[id(value)]


def write_page(site, generator, item, folder):
    """The item's page, written as Pelican's generators write it (generate_articles, generate_drafts,
    PagesGenerator.generate_output)."""
    writer = AbsoluteFeedWriter(str(folder), settings=site.settings)
    template = generator.get_template(item.template)
    relative = site.settings["RELATIVE_URLS"]
    override = hasattr(item, "override_save_as")
    if isinstance(generator, ArticlesGenerator) and item.status == "draft":
        writer.write_file(item.save_as, template, generator.context, article=item, category=item.category,
                          override_output=override, blog=True, all_articles=generator.articles, url=item.url,
                          relative_urls=relative)
    elif isinstance(generator, ArticlesGenerator):
        signals.article_generator_write_article.send(generator, content=item)
        writer.write_file(item.save_as, template, generator.context, article=item,
                          category=getattr(item, "category", None), override_output=override, url=item.url,
                          blog=True, relative_urls=relative)
    else:
        signals.page_generator_write_page.send(generator, content=item)
        writer.write_file(item.save_as, template, generator.context, page=item, relative_urls=relative,
                          override_output=override, url=item.url)
