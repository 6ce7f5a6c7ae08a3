"""Build every language of the site into a fresh folder, swapped in at the end.

Pelican builds one language per run. We drive one Pelican per language in two phases —
read every language, then write every language — because the switcher of an Arabic page
must know whether its English translation exists before either page is written. The
steps of each phase are those of Pelican.run(); what differs is only their interleaving,
and that static files are copied once (by the main language) rather than once per language.
The languages other than the main one run in forked processes, in step (processes.py).
"""

import contextlib
import fcntl
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.log import LimitFilter
from pelican.settings import read_settings
from addresses.plan import redirect_files
from addresses.writer import ledger_files, write_addresses
from incremental.inputs import environment, installed_versions, signature
from incremental.record import Record, forget, load, record_path, save, tree_stats
from incremental.renders import Renders
from messages import t
from messages import use as use_messages
from precompress import precompress_site
from precompress import recipe as twins_recipe
from sitecheck import Item, check_site

from .alternates import SiteIndex
from .cache import cache_settings
from .errors import BuildError, ContentError
from .languages import check_languages, language_settings, ordered_languages, prefix_for
from .processes import build_languages_forked, forking_wanted, peak_memory_mib
from .settingscheck import check_settings
from .settingsread import run_settings_file
from .sitemap import render_sitemap
from .sourcefiles import check_source_tree
from .unresolved import unresolved_links
from .writer import AbsoluteFeedWriter

log = logging.getLogger(__name__)
REMOVERS = []  # the processes removing old outputs (swap_into_place), kept until they are reaped
PRECOMPRESS_CACHE = ".cache/precompress"  # beside the settings file: twins by content hash, kept between builds
# Pelican warnings that sitecheck reports better (with the line and a fix), so not twice.
REPORTED_BY_SITECHECK = ("Empty alt attribute for image",)


@dataclass
class BuildReport:
    output: Path
    languages: list
    warnings: list = field(default_factory=list)  # what Pelican logged as warnings (should be none)
    check_warnings: list = field(default_factory=list)  # ContentErrors from sitecheck that did not stop the build
    translations: list = field(default_factory=list)  # sitecheck.translations.ItemStatus per item
    process_peaks_mib: dict = field(default_factory=dict)  # "parent" and each forked language: peak RSS
    addresses: dict = field(default_factory=dict)  # the ledger once this build is published: address → source
    ledger_file: Path | None = None  # where the ledger is kept (ADDRESSES_FILE in the content folder)
    redirect_pages: list = field(default_factory=list)  # output files that redirect an old address
    # pages rendered afresh, every language (the rest linked from the last build); None: no record kept, all
    # written
    pages_rendered: int | None = None
    # of those, the pages whose bytes differ from the last build's (new ones too), sorted; None: no record kept.
    # `invoke serve` reloads open pages after a build only if it changed some, beyond what a first look showed
    # (tooling/saveloop.py)
    pages_changed: list | None = None


def unresolved_target(record):
    """The target of Pelican's "Unable to find 'x.md', skipping url replacement.", or None."""
    if isinstance(record.msg, str) and record.msg.startswith("Unable to find") and record.args:
        return str(record.args[0])
    return None


def reported_error(record):
    """The exception a log record reports: attached, forwarded from a forked language, or active.

    Pelican logs "Could not process <file>" from inside its `except` block without attaching
    the exception; handlers run synchronously, so it is still the active one. (A record a
    forked language sent carries it along: processes.py.)
    """
    if hasattr(record, "forwarded_error"):
        return record.forwarded_error
    return record.exc_info[1] if record.exc_info else sys.exc_info()[1]


class ProblemCollector(logging.Handler):
    """Pelican logs content errors and carries on; we collect them and stop the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors = []
        self.warnings = []
        self.unresolved = []  # targets of {filename}/{static} links Pelican could not resolve

    def emit(self, record):
        active = reported_error(record)
        if isinstance(active, ContentError):
            if record.levelno >= logging.ERROR:
                self.errors.append(active)
        elif unresolved_target(record) is not None:
            # Pelican's word for a broken {filename}/{static} link; stop_if_any() finds where it is written.
            self.unresolved.append(unresolved_target(record))
        elif record.levelno >= logging.ERROR:
            cause = f": {type(active).__name__}: {active}" if active is not None else ""
            self.errors.append(record.getMessage() + cause)
        elif not record.getMessage().startswith(REPORTED_BY_SITECHECK):
            self.warnings.append(record.getMessage())

    def stop_if_any(self, content_path):
        located, elsewhere = unresolved_links(content_path, self.unresolved)
        problems = self.errors + located + [t("Unable to find '{target}', skipping url replacement.", target=target)
                                            for target in elsewhere]
        if problems:
            raise BuildError(problems)


class HideCollected(logging.Filter):
    """On the other handlers while a build runs: a record the collector turns into our own message
    — Pelican's "Could not process <file>" for one of our ContentErrors, its "Unable to find …" for
    a broken link — is not printed: the BuildError says it once, with its line and fix. Pelican's
    errors we do not know still print."""

    def filter(self, record):
        return not (isinstance(reported_error(record), ContentError) or unresolved_target(record) is not None)


@contextlib.contextmanager
def collecting(collector):
    """The collector on the root logger, and the other handlers quiet about our ContentErrors."""
    root = logging.getLogger()
    quiet = HideCollected()
    others = list(root.handlers)
    for handler in others:
        handler.addFilter(quiet)
    root.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
        for handler in others:
            handler.removeFilter(quiet)


class LanguageSite:
    """One language's Pelican, run in two halves."""

    def __init__(self, settings):
        self.lang = settings["DEFAULT_LANG"]
        self.pelican = Pelican(settings)
        self.settings = self.pelican.settings
        self.renders = None  # incremental.renders.Renders, when the build keeps a record (CACHE_CONTENT)
        self.render_entries = {}  # after write(): relative output path → incremental.record.Entry
        self.rendered = None  # after write(), with a record: how many pages were rendered (not linked)
        self.changed = None  # after write(), with a record: the pages rendered to other bytes than the last build's

    def read(self):
        with timed(f"{self.lang}: read"):
            self._read()

    def _read(self):
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

    def items(self):
        """sitecheck.Item of every item this language read, campaign pages included (with their campaign)."""
        articles, pages = self.generator(ArticlesGenerator), self.generator(PagesGenerator)
        for item in articles.articles + articles.translations + pages.pages + pages.hidden_pages:
            if hasattr(item, "header"):
                yield Item(item.source_rel, item.source_path, item.header, item._content)
        for page in self.context.get("campaign_pages", []):
            yield Item(page.source_rel, page.source_path, page.header, page._content,
                       campaign=page.campaign.path, campaign_languages=tuple(page.campaign.languages))

    def content_notes(self):
        """What the sanitiser removed from this language's items (ContentError warnings), drafts and
        campaign pages included: kept on each item, so a cached item still reports them."""
        articles, pages = self.generator(ArticlesGenerator), self.generator(PagesGenerator)
        everything = (articles.articles + articles.translations + articles.drafts + articles.drafts_translations
                      + pages.pages + pages.translations + pages.hidden_pages + pages.hidden_translations
                      + pages.draft_pages + pages.draft_translations + self.context.get("campaign_pages", []))
        return [note for item in everything for note in getattr(item, "content_notes", ())]

    def register_urls(self, index):
        """Tell the index every page this language will write (paginated pages aside)."""
        lang, settings = self.lang, self.settings
        articles = self.generator(ArticlesGenerator)
        slugs = {}
        for article in articles.articles + articles.translations:
            source = article.source_rel
            if article.slug in slugs:
                raise ContentError(source, t("the slug '{slug}' ({lang}) is also used by {other}",
                                             slug=article.slug, lang=lang, other=slugs[article.slug]),
                                   hint=t("each item needs its own file name; rename one of them"))
            slugs[article.slug] = source
            index.add(lang, article.url, source, lastmod=(article.modified if hasattr(article, "modified")
                                                          else article.date).date().isoformat())
        for name in ("INDEX_URL", "TAGS_URL", "AUTHORS_URL"):
            index.add(lang, settings[name])
        index.add(lang, settings["404_URL"], in_sitemap=False)
        index.add(lang, settings["GONE_URL"], in_sitemap=False)
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
            for url, source, lastmod in getattr(generator, "item_urls", lambda: [])():
                index.add(lang, url, source, lastmod=lastmod)  # pages written from a Markdown file (campaigns')
        for page in self.generator(PagesGenerator).pages:
            index.add(lang, page.url, page.source_rel)

    def write(self, copy_static):
        with timed(f"{self.lang}: written"):
            self._write(copy_static)

    def _write(self, copy_static):
        writer = AbsoluteFeedWriter(self.pelican.output_path, settings=self.settings)
        writer.renders = self.renders
        for generator in self.generators:
            if isinstance(generator, StaticGenerator) and not copy_static:
                continue  # the main language already copied theme and content files
            if hasattr(generator, "generate_output"):
                generator.generate_output(writer)
        signals.finalized.send(self.pelican)
        if self.renders is not None:
            self.render_entries = self.renders.finish()  # the carried pages linked in from the last output
            self.rendered, self.changed = self.renders.rendered, self.renders.changed


def load_base_settings(settings_file, overrides, output=None, messages=None):
    """Pelican's settings, once every mistake in them has been named with its line (settingscheck).

    The file is run once here to check it (a syntax error or an exception names its line),
    then read by Pelican as usual; `output`: the folder the build was given, checked too.
    Once it has run, the run's message language is chosen (`messages`: `--messages`).
    """
    ran = {**run_settings_file(settings_file), **overrides}
    use_messages(ran.get("MESSAGES_LANG") or ran.get("DEFAULT_LANG"), messages)
    problems = check_settings(ran, settings_file, overrides, output)
    if problems:
        raise BuildError(problems)
    settings = read_settings(str(settings_file), override=overrides)
    check_languages(settings, settings_file)
    return settings


@dataclass
class LastBuild:
    """What an incremental build starts from: the last build's record, and the output it describes."""

    record: object  # incremental.record.Record
    output: Path
    versions: str  # incremental.inputs.installed_versions()


@contextlib.contextmanager
def timed(step):
    """Log how long a step took (`invoke build --debug` shows it): where a build's time goes."""
    started = time.perf_counter()
    yield
    log.info("%s: %.2f s", step, time.perf_counter() - started)


def language_sites(settings_file, base, overrides, output, **extra):
    """One LanguageSite per language, the main one first, each writing into `output`; `extra`: more settings
    (the preview's: bilingual/preview.py)."""
    sites = []
    for lang in ordered_languages(base):
        per_language = {**overrides, **language_settings(lang, base["DEFAULT_LANG"], base["LANGUAGES"]),
                        **cache_settings(base, lang), "OUTPUT_PATH": str(output), **extra}
        if not base.get("WRITE_DRAFTS", True):  # production: an empty save_as makes Pelican skip the file
            per_language.update(DRAFT_SAVE_AS="", DRAFT_LANG_SAVE_AS="")
        sites.append(LanguageSite(read_settings(str(settings_file), override=per_language)))
    return sites


def build_into(staging, settings_file, base, overrides, collector, strict=False, last=None):
    problems = check_source_tree(base["PATH"], base["ARTICLE_PATHS"] + base["PAGE_PATHS"], base["LANGUAGES"],
                                 [base["CAMPAIGNS_PATH"]] if base.get("CAMPAIGNS_PATH") else [], settings=base)
    if problems:
        raise BuildError(problems)
    main = base["DEFAULT_LANG"]
    languages = ordered_languages(base)
    sites = language_sites(settings_file, base, overrides, staging)
    if last is not None:  # pages whose inputs did not change are linked from the last output, not rendered
        shared = environment(base, last.versions)  # read once: the theme, the plugins and the data are the same
        for site in sites:
            site.renders = Renders(site.lang, last.record.entries, f"{shared}:{site.lang}", last.output, staging,
                                   lambda site=site: site.context["SITE_INDEX"])
    index = SiteIndex({lang: prefix_for(lang, main) for lang in languages})
    with timed("languages read and written"):
        if forking_wanted(sites):
            items, notes, peaks, entries = build_languages_forked(sites, index, collector, base["PATH"])
        else:
            items, notes = build_languages_here(sites, index, collector, base["PATH"])
            peaks = {"parent": peak_memory_mib()}
            entries = {rel: entry for site in sites for rel, entry in site.render_entries.items()}
    (staging / "sitemap.xml").write_text(render_sitemap(index, base["SITE_DOMAIN"]), encoding="utf-8")
    collector.stop_if_any(base["PATH"])
    with timed("addresses"):  # every published address still answers: a page, a redirect (written now, so
        plan = write_addresses(staging, index, items, sites)  # sitecheck checks it) or gone
    with timed("site checks"):  # the main language's settings: what its pages were written with
        scans = dict(last.record.scans) if last is not None else None  # pages linked from the last output: read then
        errors, warnings, statuses = check_site(staging, index, items, sites[0].settings, notes, scans)
    if errors or (strict and warnings):
        raise BuildError(errors + (warnings if strict else []))
    # .gz/.br twins of every text file, after the checks (they never see them); unchanged files' twins from the cache
    with timed("precompression"):
        recipe = twins_recipe()
        same_twins = last is not None and last.record.twins == recipe
        precompress_site(staging, cache=Path(settings_file).parent / PRECOMPRESS_CACHE,
                         previous=last.output if same_twins else None)
    rendered = sum(site.rendered for site in sites) if last is not None else None
    changed = sorted(rel for site in sites for rel in site.changed) if last is not None else None
    return (languages, warnings, statuses, peaks, plan, Record(entries=entries, scans=scans or {}, twins=recipe),
            rendered, changed)


def read_and_index(sites, index, collector, content_path):
    """Read every language (any problem stops here), then register every page in the index, which each
    language's templates then see (the build's phase 1, and the first look's model: preview.py)."""
    for site in sites:
        site.read()
    collector.stop_if_any(content_path)
    for site in sites:
        site.register_urls(index)
    for site in sites:
        site.context["SITE_INDEX"] = index


def build_languages_here(sites, index, collector, content_path):
    """Read every language, then write every language, in this process; the items and notes for sitecheck."""
    read_and_index(sites, index, collector, content_path)
    for site in sites:
        site.write(copy_static=site is sites[0])
    return [item for site in sites for item in site.items()], [note for site in sites for note in site.content_notes()]


def swap_into_place(staging, output):
    """Replace output/ by the finished build with two renames; nothing half-written is ever live.

    The old tree is removed by a process of its own: unlinking tens of thousands of files takes seconds,
    and nobody needs to wait for it (if it is cut short, the next build removes the rest, under the lock).
    """
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        os.rename(output, old / "output")
    os.rename(staging, output)
    if old is not None:
        remove_later(old)


def remove_later(folder):
    """Remove folder in a process of its own (not waited for), unless this process is removing it already.

    Freeing tens of thousands of files takes seconds (more on a disk mounted with `discard`), and no
    build needs to wait for it: the folder is not the output, and a later build removes what is left.
    """
    REMOVERS[:] = [remover for remover in REMOVERS if remover.poll() is None]  # forget the finished ones
    if any(remover.args[-1] == str(folder) for remover in REMOVERS):
        return
    remover = subprocess.Popen(["rm", "-rf", "--", str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    REMOVERS.append(remover)
    # reaped the moment it ends (no zombie in a long-lived `invoke serve`); if this process ends first, the
    # removal goes on without it
    threading.Thread(target=remover.wait, daemon=True).start()


@contextlib.contextmanager
def exclusive(output):
    """One build per output folder at a time: a second build waits for the first.

    Holding the lock, we also remove what a killed build left behind (its staging
    folder), and old outputs not removed yet: no other build can be using them.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output.parent / f".{output.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for leftover in output.parent.glob(f".{output.name}-*"):
            remove_later(leftover)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_site(settings_file, content=None, output=None, overrides=None, strict=False, messages=None):
    """Build all languages from settings_file (content/output override PATH/OUTPUT_PATH).

    Raises BuildError naming every problem (with `strict`, warnings too); output/ is then
    left exactly as it was. `messages`: the language of this run's messages (`--messages`);
    otherwise $SITE_MESSAGES, then the MESSAGES_LANG setting, then the site's main language.
    """
    settings_file = Path(settings_file).resolve()
    overrides = dict(overrides or {})
    overrides.setdefault("SETTINGS_FILE", str(settings_file))  # so plugins' settings errors can name it
    if content is not None:
        overrides["PATH"] = str(Path(content).resolve())
    collector = ProblemCollector()
    # Pelican's loggers drop a warning already logged once in this process (LimitFilter keeps them
    # in class attributes): in `invoke serve`, or in a test session, the second build would not say
    # it. A build's warnings are its own — the loosened security headers are announced on every one.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    use_messages(override=messages)  # until the settings are read: a mistake in them speaks this
    try:
        with collecting(collector):
            base = load_base_settings(settings_file, overrides, output, messages)
            output = Path(output if output is not None else base["OUTPUT_PATH"]).resolve()
            with exclusive(output):
                # invoke build and serve (the content cache on) keep a record of the build, and rebuild what changed
                last = None
                if base.get("CACHE_CONTENT"):
                    with timed("inputs compared with the last build's"):
                        versions = installed_versions()
                        inputs = signature(settings_file, base, overrides, output, strict, versions)
                        kept = record_path(settings_file, output)
                        last = LastBuild(load(kept, output), output, versions)
                        nothing_changed = unchanged_since(last.record, inputs, output)
                    if nothing_changed:
                        for warning in last.record.report.warnings:
                            log.warning("%s", warning)
                        # nothing changed: the output in place is this build's, and no page was rendered
                        return replace(last.record.report, pages_rendered=0, pages_changed=[])
                staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-build-", dir=output.parent))
                try:
                    staging.chmod(0o755)
                    languages, checked, statuses, peaks, plan, record, rendered, changed = build_into(
                        staging, settings_file, base, overrides, collector, strict, last)
                    if last is not None:
                        forget(kept)  # from here until the new record is saved, there is none
                    swap_into_place(staging, output)
                except BaseException:
                    shutil.rmtree(staging, ignore_errors=True)
                    raise
                report = BuildReport(output=output, languages=languages, warnings=collector.warnings,
                                     check_warnings=checked, translations=statuses, process_peaks_mib=peaks,
                                     addresses=plan.ledger,
                                     ledger_file=Path(base["PATH"]) / ledger_files(base)["ledger"],
                                     redirect_pages=sorted(redirect_files(plan)), pages_rendered=rendered,
                                     pages_changed=changed)
                if last is not None:
                    with timed("record saved"):
                        record.output, record.inputs, record.files, record.report = (
                            str(output), inputs, tree_stats(output), report)
                        save(kept, record)
    except ContentError as error:
        raise BuildError([error]) from None
    for warning in collector.warnings:
        log.warning("%s", warning)
    return report


def unchanged_since(record, inputs, output):
    """Did the last build into output read exactly these inputs, and is its output untouched since?"""
    if record.inputs != inputs or record.report is None or not output.is_dir():
        log.info("a build to do: %s", "no record" if not record.inputs else "inputs changed")
        return False
    found = tree_stats(output)
    if found != record.files:
        changed = (sorted(set(found) ^ set(record.files))
                   or sorted(rel for rel in found if found[rel] != record.files[rel]))
        log.info("a build to do: %d files of the output are not as the last build left them, e.g. %s",
                 len(changed), changed[:3])
        return False
    return True
