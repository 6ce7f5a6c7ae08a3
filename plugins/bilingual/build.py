"""Build every language of the site in one process, into a fresh folder swapped in at the end.

Pelican builds one language per run. We drive one Pelican per language in two phases —
read every language, then write every language — because the switcher of an Arabic page
must know whether its English translation exists before either page is written. The
steps of each phase are those of Pelican.run(); what differs is only their interleaving,
and that static files are copied once (by the main language) rather than once per language.
"""

import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.settings import read_settings

from .alternates import SiteIndex
from .errors import BuildError, ContentError
from .languages import check_languages, language_settings, ordered_languages, prefix_for
from .sitemap import render_sitemap
from .sourcefiles import check_source_tree
from .writer import AbsoluteFeedWriter

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    output: Path
    languages: list
    warnings: list = field(default_factory=list)


class ProblemCollector(logging.Handler):
    """Pelican logs content errors and carries on; we collect them and stop the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors = []
        self.warnings = []

    def emit(self, record):
        # Pelican logs "Could not process <file>" from inside its `except` block without
        # attaching the exception; handlers run synchronously, so it is still the active one.
        active = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if isinstance(active, ContentError):
            if record.levelno >= logging.ERROR:
                self.errors.append(active)
        elif record.levelno >= logging.ERROR or record.getMessage().startswith("Unable to find"):
            # "Unable to find …" is Pelican's word for a broken {filename}/{static} link.
            cause = f": {type(active).__name__}: {active}" if active is not None else ""
            self.errors.append(record.getMessage() + cause)
        else:
            self.warnings.append(record.getMessage())

    def stop_if_any(self):
        if self.errors:
            raise BuildError(self.errors)


class LanguageSite:
    """One language's Pelican, run in two halves."""

    def __init__(self, settings):
        self.lang = settings["DEFAULT_LANG"]
        self.pelican = Pelican(settings)
        self.settings = self.pelican.settings

    def read(self):
        p = self.pelican
        self.context = {**p.settings, "generated_content": {}, "static_links": set(),
                        "static_content": {}, "localsiteurl": p.settings["SITEURL"]}
        self.generators = [
            cls(context=self.context, settings=p.settings, path=p.path, theme=p.theme, output_path=p.output_path)
            for cls in p._get_generator_classes()
        ]
        for generator in self.generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
        signals.all_generators_finalized.send(self.generators)
        for generator in self.generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()

    def generator(self, cls):
        return next(g for g in self.generators if isinstance(g, cls))

    def register_urls(self, index):
        """Tell the index every page this language will write (paginated pages aside)."""
        lang, settings = self.lang, self.settings
        articles = self.generator(ArticlesGenerator)
        slugs = {}
        for article in articles.articles + articles.translations:
            source = article.source_rel
            if article.slug in slugs:
                raise ContentError(source, f"the slug '{article.slug}' ({lang}) is also used by {slugs[article.slug]}",
                                   hint="each item needs its own file name; rename one of them")
            slugs[article.slug] = source
            index.add(lang, article.url, source, lastmod=(article.modified if hasattr(article, "modified")
                                                          else article.date).date().isoformat())
        for name in ("INDEX_URL", "TAGS_URL", "AUTHORS_URL"):
            index.add(lang, settings[name])
        index.add(lang, settings["404_URL"], in_sitemap=False)
        for category, _ in articles.categories:
            index.add(lang, category.url)
        for tag in articles.tags:
            index.add(lang, tag.url)
        for author, _ in articles.authors:
            index.add(lang, author.url)
        for generator in self.generators:
            for url in getattr(generator, "listing_urls", lambda: [])():
                index.add(lang, url)
            for url in getattr(generator, "unlisted_urls", lambda: [])():
                index.add(lang, url, in_sitemap=False)  # has a translation, but no place in the sitemap
        for page in self.generator(PagesGenerator).pages:
            index.add(lang, page.url, page.source_rel)

    def write(self, copy_static):
        writer = AbsoluteFeedWriter(self.pelican.output_path, settings=self.settings)
        for generator in self.generators:
            if isinstance(generator, StaticGenerator) and not copy_static:
                continue  # the main language already copied theme and content files
            if hasattr(generator, "generate_output"):
                generator.generate_output(writer)
        signals.finalized.send(self.pelican)


def load_base_settings(settings_file, overrides):
    settings = read_settings(str(settings_file), override=overrides)
    check_languages(settings, settings_file)
    return settings


def build_into(staging, settings_file, base, overrides, collector):
    problems = check_source_tree(base["PATH"], base["ARTICLE_PATHS"] + base["PAGE_PATHS"], base["LANGUAGES"],
                                 [base["CAMPAIGNS_PATH"]] if base.get("CAMPAIGNS_PATH") else [])
    if problems:
        raise BuildError(problems)
    main = base["DEFAULT_LANG"]
    languages = ordered_languages(base)
    sites = []
    for lang in languages:
        per_language = {**overrides, **language_settings(lang, main, base["LANGUAGES"]), "OUTPUT_PATH": str(staging)}
        sites.append(LanguageSite(read_settings(str(settings_file), override=per_language)))
    for site in sites:
        site.read()
    collector.stop_if_any()
    index = SiteIndex({lang: prefix_for(lang, main) for lang in languages})
    for site in sites:
        site.register_urls(index)
    for site in sites:
        site.context["SITE_INDEX"] = index
        site.write(copy_static=site.lang == main)
    (staging / "sitemap.xml").write_text(render_sitemap(index, base["SITE_DOMAIN"]), encoding="utf-8")
    collector.stop_if_any()
    return languages


def swap_into_place(staging, output):
    """Replace output/ by the finished build with two renames; nothing half-written is ever live."""
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=".output-old-", dir=output.parent))
        os.rename(output, old / "output")
    os.rename(staging, output)
    if old is not None:
        shutil.rmtree(old)


def build_site(settings_file, content=None, output=None, overrides=None):
    """Build all languages from settings_file (content/output override PATH/OUTPUT_PATH).

    Raises BuildError naming every problem; output/ is then left exactly as it was.
    """
    settings_file = Path(settings_file).resolve()
    overrides = dict(overrides or {})
    overrides.setdefault("SETTINGS_FILE", str(settings_file))  # so plugins' settings errors can name it
    if content is not None:
        overrides["PATH"] = str(Path(content).resolve())
    collector = ProblemCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    staging = None
    try:
        base = load_base_settings(settings_file, overrides)
        output = Path(output if output is not None else base["OUTPUT_PATH"]).resolve()
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".output-", dir=output.parent))
        staging.chmod(0o755)
        languages = build_into(staging, settings_file, base, overrides, collector)
    except BaseException as error:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, ContentError):
            raise BuildError([error]) from None
        raise
    finally:
        root.removeHandler(collector)
    swap_into_place(staging, output)
    for warning in collector.warnings:
        log.warning("%s", warning)
    return BuildReport(output=output, languages=languages, warnings=collector.warnings)
