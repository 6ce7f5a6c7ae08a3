"""Tasks for the 7amleh site. `make build`, `make test` and `make serve` set up .venv and call these."""

import contextlib
import logging
import os
import re
import shutil
import sys
import time
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from messages import t, tn  # noqa: E402 (from plugins/, just put on the path)

CONFIG = {
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
    "content": ROOT / "content",
    "output": ROOT / "output",
    "cache": ROOT / ".cache" / "pelican",  # content cache of `invoke build`/`serve` (bilingual/cache.py)
    "theme": ROOT / "themes" / "base",
    "translations": ROOT / "themes" / "base" / "translations",
    "babel_config": ROOT / "babel.cfg",
    "nginx_headers": ROOT / "docs" / "nginx-security-headers.conf",  # written by `invoke headers`
    "nginx_cache": ROOT / "docs" / "nginx-cache.conf",  # written by `invoke headers`, from PUBLISH
    "nginx_redirects": ROOT / "docs" / "nginx-redirects.conf",  # written by `invoke headers`: old addresses
    "nginx_headers_include": "snippets/7amleh-security-headers.conf",  # where the server keeps the headers file
    "host": "127.0.0.1",
    "port": 8000,
    "fonts": "@fontsource/noto-sans-arabic",  # subset into the theme by tooling/fonts.py (version: package.json)
    "scripts": {  # npm package → (file, name in the theme); the version is the one lunr.py 0.8.0 targets
        "lunr": ("lunr.min.js", "lunr-2.3.9.min.js"),
    },
}


def cache_overrides(cache):
    """The settings a build with the content cache gets. cache: re-read only the Markdown files that changed (a
    folder per fingerprint of everything else); True: .cache/pelican, or another folder (a benchmark's corpus
    must not push the site's own folders out); False: none."""
    folder = CONFIG["cache"] if cache is True else cache
    return {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(folder)} if cache else {}


def run_build(content=None, output=None, publish=False, debug=False, strict=False, settings=None, cache=False,
              messages=None, search_later=False):
    from bilingual.build import build_site
    from bilingual.errors import BuildError
    from sitecheck.report import group_by_file

    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s: %(message)s")
    settings = settings or CONFIG["settings_publish" if publish else "settings_base"]
    overrides = cache_overrides(cache)
    if search_later:  # `invoke serve`: the last search index kept, the next build makes it (tooling/saveloop.py)
        overrides["SEARCH_LATER"] = True
    started = time.perf_counter()
    try:
        report = build_site(settings, content=content or CONFIG["content"], output=output or CONFIG["output"],
                            overrides=overrides, strict=strict, messages=messages)
    except BuildError as error:
        if debug:
            raise
        stop = Exit(str(error), code=1)
        stop.build_error = error  # the preview shows it in each page's language (tooling/devserver.py)
        raise stop from None
    except Exception as error:  # noqa: BLE001 (a bug, not a content mistake: no traceback for staff, output/ kept)
        if debug:
            raise
        stopped = t("The build stopped on an unexpected error: {error}", error=f"{type(error).__name__}: {error}")
        advice = t("this is not a mistake in the content: run `invoke build --debug` and send what it prints "
                   "to a developer; the previous site in output/ is unchanged")
        raise Exit(f"{stopped}\n    {advice}", code=1) from None
    if report.check_warnings:
        print(group_by_file(report.check_warnings), file=sys.stderr)
    pages = sum(1 for _ in report.output.rglob("*.html"))
    print(tn("Built {count} page in {languages} into {output} in {seconds} s",
             "Built {count} pages in {languages} into {output} in {seconds} s", pages,
             languages=list(report.languages), output=report.output, seconds=f"{time.perf_counter() - started:.2f}"))
    return report


def choose_messages(settings_file, override=None):
    """The language of this run's messages, for the tasks that print before (or without) a build.

    As the build chooses (bilingual.build): `--messages`, then $SITE_MESSAGES, then the settings'
    MESSAGES_LANG, then DEFAULT_LANG. A mistake in the settings file exits naming its line.
    """
    from messages import use

    from bilingual.errors import ContentError
    from bilingual.settingsread import run_settings_file

    use(override=override)  # until the settings are read: a mistake in them speaks this
    try:
        ran = run_settings_file(settings_file)
    except ContentError as error:
        raise Exit(error.describe(), code=1) from None
    return use(ran.get("MESSAGES_LANG") or ran.get("DEFAULT_LANG"), override)


BUILD_HELP = {"content": "content folder (default: content/)", "output": "output folder (default: output/)",
              "publish": "use publishconf.py (absolute URLs)", "debug": "show tracebacks and Pelican's log",
              "strict": "treat warnings (missing summary, image description, translation…) as errors",
              "messages": "the language of the messages: ar or en (default: $SITE_MESSAGES, else MESSAGES_LANG)"}


@task(help=BUILD_HELP)
def build(c, content=None, output=None, publish=False, debug=False, strict=False, messages=None):
    """Build the whole site, every language, into output/ (swapped in only if the build succeeds)."""
    run_build(content, output, publish, debug, strict, cache=not publish, messages=messages)  # --publish: read everything afresh


@task(help={key: BUILD_HELP[key] for key in ("content", "strict", "debug", "messages")})
def check(c, content=None, strict=False, debug=False, messages=None):
    """Build into a scratch folder and report: broken links, warnings, translation status. output/ is untouched."""
    import tempfile

    from sitecheck.report import translation_table

    with tempfile.TemporaryDirectory(prefix="check-") as scratch:
        report = run_build(content, Path(scratch) / "output", debug=debug, strict=strict, messages=messages)
        shared = share_preview(report.output, CONFIG["settings_base"])
    print("\n" + str(t("Translations (stale: the source changed after the translation's last commit):")))
    print(translation_table(report.translations, report.languages))
    print("\n" + str(t("What a shared link shows (title, description, picture), page by page; "
                        "! marks what a platform will cut or miss:")))
    print(render_preview(shared))
    count = len(report.check_warnings) + sum(len(entry.problems) for entry in shared)
    print("\n" + str(tn("No errors; {count} warning.", "No errors; {count} warnings.", count)))


def share_preview(output, settings_file):
    """sharecards.preview of a built site, with the settings' SITE_DOMAIN (what og:image addresses start with)."""
    from sharecards.preview import preview

    return preview(output, read_settings_file(settings_file).get("SITE_DOMAIN", ""))


def render_preview(shared):
    from sharecards.preview import render

    return render(shared)


@task
def messages(c):
    """Extract theme strings, update the catalog of every language, compile them."""
    sys.path.insert(0, str(ROOT))
    from pelicanconf import LANGUAGES

    pot = CONFIG["translations"] / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    with dates_kept_unless_changed(pot):
        c.run(f"{pybabel} extract --sort-by-file --no-location -F {CONFIG['babel_config']} -k N_ -o {pot} {ROOT}")
    for lang in LANGUAGES:
        po = CONFIG["translations"] / lang / "LC_MESSAGES" / "messages.po"
        verb = "update --ignore-obsolete" if po.exists() else "init"
        with dates_kept_unless_changed(po):
            c.run(f"{pybabel} {verb} --no-wrap -i {pot} -d {CONFIG['translations']} -l {lang}")
    c.run(f"{pybabel} compile --statistics -d {CONFIG['translations']}")
    build_messages(c, pybabel)
    from tooling.messageref import write_references

    for path in write_references():
        print(f"Wrote {path.relative_to(ROOT)}")


def build_messages(c, pybabel):
    """The build's own messages (messages.t/tn): one catalog per package that speaks, beside its code."""
    import tempfile

    from messages.catalogs import LANGUAGES as MESSAGE_LANGUAGES
    from messages.catalogs import read_catalog, speakers

    with tempfile.TemporaryDirectory() as scratch:
        for package in speakers():
            pot = Path(scratch) / f"{package.name}.pot"
            c.run(f"{pybabel} extract --no-default-keywords -k t -k tn:1,2 --sort-output --no-location "
                  f"--no-wrap -o {pot} {package} {ROOT / 'tasks.py' if package.name == 'tooling' else ''}", hide=True)
            for lang in MESSAGE_LANGUAGES:
                po = package / f"messages.{lang}.po"
                if lang == "en" or (not po.exists() and not len(read_catalog(pot))):
                    continue  # English is the source language; a package without messages needs no catalog
                verb = "update --ignore-obsolete --no-fuzzy-matching" if po.exists() else "init"
                with dates_kept_unless_changed(po):
                    c.run(f"{pybabel} {verb} --no-wrap -i {pot} -o {po} -l {lang}", hide=True)


@contextlib.contextmanager
def dates_kept_unless_changed(*catalogs):
    """pybabel rewrites a catalog's creation and revision dates on every run: put a catalog (or template)
    back as it was when nothing but those dates changed, so `invoke messages` leaves no noise in git."""
    def without_dates(text):
        return re.sub(r'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"$', "", text, flags=re.M)

    before = {path: path.read_text(encoding="utf-8") for path in catalogs if path.exists()}
    yield
    for path, text in before.items():
        if path.exists() and without_dates(path.read_text(encoding="utf-8")) == without_dates(text):
            path.write_text(text, encoding="utf-8")


def read_settings_file(settings_file):
    """Pelican's settings from settings_file; a mistake in the file exits naming its line, with no traceback."""
    from pelican.settings import read_settings

    from bilingual.errors import ContentError
    from bilingual.settingsread import run_settings_file

    try:
        run_settings_file(settings_file)  # Pelican would end a syntax error or a NameError in a traceback
    except ContentError as error:
        raise Exit(error.describe(), code=1) from None
    return read_settings(str(settings_file))


def checked_privacy(settings_file):
    """MAILING_LIST and SECURITY_HEADERS of settings_file, checked as the build checks them."""
    from bilingual.errors import ContentError
    from privacy.config import load_privacy

    try:
        return load_privacy(read_settings_file(settings_file), settings_file)
    except ContentError as error:
        raise Exit(error.describe(), code=1) from None


def nginx_snippet(settings_file):
    """The nginx add_header lines the settings produce (the same headers as output/_headers)."""
    from privacy.headers import render_nginx

    return render_nginx(checked_privacy(settings_file).header_lines, Path(settings_file).name)


def nginx_cache_snippet(settings_file):
    """The nginx Cache-Control locations PUBLISH produces (the same classes rclone uploads with)."""
    from deploy.files import render_nginx_cache

    publish_settings = load_publish_settings(settings_file)
    return render_nginx_cache(publish_settings, Path(settings_file).name, CONFIG["nginx_headers_include"])


def nginx_redirects_snippet(settings_file):
    """The nginx lines that answer old addresses from the map each build writes (plugins/addresses):
    read from the folder the first rsync target of PUBLISH uploads to."""
    from addresses.hosts import render_nginx_snippet

    publish_settings = load_publish_settings(settings_file)
    served = next((target.destination.rpartition(":")[2] for target in publish_settings.targets.values()
                   if target.method == "rsync"), "/var/www/site/")
    return render_nginx_snippet(served, Path(settings_file).name)


@task(help={"messages": "the language of the messages: ar or en (default: $SITE_MESSAGES, else MESSAGES_LANG)"})
def headers(c, messages=None):
    """Write docs/nginx-security-headers.conf and docs/nginx-cache.conf from the production settings."""
    choose_messages(CONFIG["settings_publish"], messages)
    CONFIG["nginx_headers"].write_text(nginx_snippet(CONFIG["settings_publish"]), encoding="utf-8")
    CONFIG["nginx_cache"].write_text(nginx_cache_snippet(CONFIG["settings_publish"]), encoding="utf-8")
    CONFIG["nginx_redirects"].write_text(nginx_redirects_snippet(CONFIG["settings_publish"]), encoding="utf-8")
    for line in checked_privacy(CONFIG["settings_publish"]).loosened:  # as every build announces them
        print(t("WARNING: {warning}", warning=line), file=sys.stderr)
    print(t("Wrote {file} and {other}", file=CONFIG["nginx_headers"].relative_to(ROOT),
            other=[str(CONFIG[name].relative_to(ROOT)) for name in ("nginx_cache", "nginx_redirects")]))


def load_publish_settings(settings_file):
    """PUBLISH from settings_file, checked; a mistake exits naming the file and line."""
    from bilingual.errors import ContentError
    from deploy.settings import check_publish

    try:
        return check_publish(read_settings_file(settings_file).get("PUBLISH"), settings_file)
    except ContentError as error:
        raise Exit(error.describe(), code=1) from None


@task(help={"target": "a name under PUBLISH['targets'] (default: PUBLISH['target'])",
            "strict": BUILD_HELP["strict"], "dry_run": "show what would be uploaded and deleted, change nothing",
            "everything": "upload every file again (after a change of cache rules: rclone keeps old headers)",
            "settings": "settings file (default: publishconf.py)", "messages": BUILD_HELP["messages"]})
def publish(c, target=None, strict=False, dry_run=False, everything=False, settings=None, messages=None):
    """Build afresh with publishconf.py and upload: assets first, then pages, then delete stale files."""
    import tempfile
    from dataclasses import replace

    from bilingual.errors import ContentError
    from deploy.publish import publish_folder, summary
    from deploy.settings import choose_target
    from deploy.tools import PublishError

    settings = Path(settings or CONFIG["settings_publish"]).resolve()
    choose_messages(settings, messages)
    publish_settings = load_publish_settings(settings)
    try:
        chosen = choose_target(publish_settings, target, settings)
    except ContentError as error:
        raise Exit(error.describe(), code=1) from None
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="deploy-publish-") as scratch:
        # Its own folder: a rebuild by `invoke serve` cannot swap output/ in the middle of an upload.
        report = run_build(output=Path(scratch) / "output", strict=strict, settings=settings, messages=messages)
        # an old address's redirect page (and its twins) is never deleted on the target (plugins/addresses)
        keeping = replace(publish_settings, keep=publish_settings.keep + tuple(
            f"{page}{twin}" for page in report.redirect_pages for twin in ("", ".gz", ".br")))
        try:
            transfers = publish_folder(report.output, keeping, chosen, dry_run, everything)
        except PublishError as error:
            raise Exit(str(t("Publishing to '{target}' stopped: {error}", target=chosen.name, error=error)),
                       code=1) from None
    where = {"target": chosen.name, "method": chosen.method, "destination": chosen.destination,
             "seconds": f"{time.perf_counter() - started:.1f}"}
    done = (t("Would publish to '{target}' ({method} → {destination}) in {seconds} s:", **where) if dry_run
            else t("Published to '{target}' ({method} → {destination}) in {seconds} s:", **where))
    print(done)
    for line in summary(transfers, dry_run):
        print(f"  {line}")
    if not dry_run:  # the addresses now live: each must keep working (docs/decisions/0010-addresses-never-break.md)
        from addresses.ledger import write_ledger

        if write_ledger(report.ledger_file, report.addresses):
            print(tn("Recorded {count} published address in {file}: commit it",
                     "Recorded {count} published addresses in {file}: commit it", len(report.addresses),
                     file=report.ledger_file))
    return transfers


@task
def vendor(c):
    """Subset the pinned font and copy lunr.js from node_modules/ into the theme, with their licences."""
    sys.path.insert(0, str(ROOT))
    from tooling.fonts import vendor_fonts

    fonts, package = CONFIG["theme"] / "static" / "fonts", ROOT / "node_modules" / CONFIG["fonts"]
    # Only the Arabic faces, subset to what Arabic pages show; why and which code points: tooling/fonts.py
    for name, before, after in vendor_fonts(package, fonts):
        print(f"{name}: {before:,} → {after:,} bytes")
    shutil.copy2(package / "LICENSE", fonts / f"LICENSE-{CONFIG['fonts'].rsplit('/', 1)[-1]}.txt")
    # The faces share cards and chart images are drawn with: Debian's Noto Sans Arabic + Noto Sans, merged
    from tooling.cardfonts import vendor_card_fonts

    for name, size in vendor_card_fonts(CONFIG["theme"] / "cardfonts"):
        print(f"{name}: {size:,} bytes")
    scripts = CONFIG["theme"] / "static" / "js" / "vendor"
    for package, (name, target) in CONFIG["scripts"].items():
        shutil.copy2(ROOT / "node_modules" / package / name, scripts / target)
        shutil.copy2(ROOT / "node_modules" / package / "LICENSE", scripts / f"LICENSE-{package}.txt")


@task(help={"port": "port to serve on (default 8000; 0: any free port)", "content": BUILD_HELP["content"],
            "output": BUILD_HELP["output"]})
def serve(c, port=CONFIG["port"], content=None, output=None):
    """Build, serve output/ on http://127.0.0.1:8000, rebuild on every change and reload open pages (a saved
    item's page at once, from the site kept in memory: tooling/previewer.py)."""
    import signal
    import threading

    from tooling.devserver import Builds, built, git_refs, make_server
    from tooling.previewer import Previewer
    from tooling.saveloop import watch_and_rebuild

    content, output = Path(content or CONFIG["content"]).resolve(), Path(output or CONFIG["output"]).resolve()
    builds = Builds()

    def build(search_later=False):
        return run_build(content, output, cache=True, search_later=search_later)

    if built(build, builds) is not None:  # a first build that stops still serves: fixing the file builds again
        builds.finished()
    # a save's page shown at once, before the build (tooling/previewer.py); it reads the site while we wait
    previewer = Previewer(CONFIG["settings_base"], content, cache_overrides(True))
    previewer.start()
    server = make_server(CONFIG["host"], port, output, builds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(t("Serving on {address} — pages reload after each rebuild; Ctrl+C to stop",
            address=f"http://{CONFIG['host']}:{server.server_address[1]}/"), flush=True)
    # themes: base and overlays; git refs: a commit changes which translations are stale
    watched = [content, ROOT / "themes", ROOT / "plugins", CONFIG["settings_base"], *git_refs(content)]

    def stopped(*_):  # by `kill`, as by Ctrl+C: the previewer's process and folder go too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stopped)
    try:
        watch_and_rebuild(watched, build, builds, previewer=previewer)  # each save: a first look, pages, index
    except KeyboardInterrupt:
        server.shutdown()
    finally:
        previewer.close()


@task(help={"kind": "publication, news or page", "ar": "the Arabic title (makes the .ar.md file)",
            "en": "the English title (makes the .en.md file)", "type": "a publication's type, e.g. report",
            "slug": "the address, in Latin letters (default: from the English title)",
            "content": "content folder (default: content/)", "messages": BUILD_HELP["messages"]})
def new(c, kind, ar=None, en=None, type=None, slug=None, content=None, messages=None):  # noqa: A002 (--type reads best)
    """Start an item: content/<folder>/<slug>.<lang>.md for each title given, with its metadata. Never overwrites."""
    import datetime
    from zoneinfo import ZoneInfo

    sys.path.insert(0, str(ROOT))
    from pelicanconf import LANGUAGES, TIMEZONE
    from tooling.scaffold import ScaffoldError, SlugNeeded, plan, write

    choose_messages(CONFIG["settings_base"], messages)
    today = datetime.datetime.now(ZoneInfo(TIMEZONE)).date()  # the file's Date: line; the build never reads a clock
    titles, folder = {"ar": ar, "en": en}, Path(content or CONFIG["content"])
    try:
        try:
            files = plan(folder, kind, titles, slug, type, today, tuple(LANGUAGES))
        except SlugNeeded as error:
            if not sys.stdin.isatty():
                raise
            print(error)
            files = plan(folder, kind, titles, input(str(t("slug: "))).strip(), type, today, tuple(LANGUAGES))
        write(files)
    except (ScaffoldError, FileExistsError) as error:
        raise Exit(f"invoke new: {error}", code=1) from None
    for path in files:
        print(t("Wrote {file}", file=path.relative_to(folder.parent) if folder.parent in path.parents else path))
    print(t("Preview it with `make serve`; the notes in the file say what else you can add."))
    return list(files)


@task(name="import", help={"source": "what to import: wordpress", "export": "the export file (WordPress: Tools → Export)",
                           "uploads": "a local copy of wp-content/uploads (PDFs and images are copied from it)",
                           "map": "the categories-and-tags file (default: <content>/data/wordpress-map.yaml)",
                           "content": "content folder (default: content/)", "messages": BUILD_HELP["messages"]})
def import_(c, source, export, uploads=None, map=None, content=None, messages=None):  # noqa: A002 (--map reads best)
    """Import a WordPress export into the content folder: both languages paired, old addresses as Aliases."""
    sys.path.insert(0, str(ROOT))
    from bilingual.errors import ContentError
    from pelicanconf import DEFAULT_LANG, LANGUAGES
    from tooling.wpimport.run import run_import
    from tooling.wpimport.wxr import ExportError

    choose_messages(CONFIG["settings_base"], messages)
    if source != "wordpress":
        raise Exit(str(t("invoke import: unknown source '{source}'; the one source is wordpress", source=source)), code=1)
    started = time.perf_counter()
    try:
        lines = run_import(export, content=content or CONFIG["content"], uploads=uploads, map_path=map,
                           languages=list(LANGUAGES), default_lang=DEFAULT_LANG,
                           fallback_topics=CONFIG["content"] / "data" / "topics.yaml")
    except ExportError as error:
        raise Exit(f"{export}: {error.args[0]}", code=1) from None
    except ContentError as error:
        raise Exit(str(error), code=1) from None
    for line in lines:
        print(line)
    print(t("Imported in {seconds} s. Review the report, then `invoke build`.",
            seconds=f"{time.perf_counter() - started:.1f}"))


@task(help={"slug": "the campaign's address: /campaigns/<slug>/ (lower-case latin letters, digits, hyphens)",
            "content": "content folder (default: content/)", "messages": BUILD_HELP["messages"]})
def new_campaign(c, slug, content=None, messages=None):
    """Start a campaign: content/campaigns/SLUG/ with a commented campaign.yaml and a page per language."""
    sys.path.insert(0, str(ROOT))
    from campaigns.scaffold import scaffold
    from pelicanconf import CAMPAIGNS_PATH, LANGUAGES

    choose_messages(CONFIG["settings_base"], messages)
    try:
        folder = scaffold(content or CONFIG["content"], slug, list(LANGUAGES), CAMPAIGNS_PATH)
    except ValueError as error:
        raise Exit(str(error), code=1) from None
    print(t("Wrote {folder}: fill in campaign.yaml and index.*.md (see docs/campaigns.md), then `make build`",
            folder=folder))


@task(help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=None):
    """The content checks on content/, then the whole test suite, browser tests included."""
    args = ["-k", k] if k else []
    if not k:
        check(c)
    c.run(" ".join([sys.executable, "-m", "pytest", *args]), pty=False)


@task
def golden(c):
    """Rewrite the charts' golden SVG files from the current code; review the diff before committing."""
    c.run(f"{sys.executable} -m pytest -q tests/test_charts_svg.py", env={"UPDATE_GOLDEN": "1"}, pty=False)


@task(help={"edits": "how many random edits to make (default 200)",
            "seed": "the seed of the random edits: the same seed replays the same edits (default 1)",
            "batch": "edits between two builds (default 4)",
            "every": "compare with a cold build after every N batches (default 1: after each)",
            "items": "items per language in the generated site (default 24)",
            "work": "the work folder (default: a new temporary one, removed unless the proof fails)"})
def proof(c, edits=200, seed=1, batch=4, every=1, items=24, work=None):
    """For developers: random valid edits, an incremental build after each batch, compared byte for byte with a cold one."""
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    from edits import ProofFailure, run

    logging.basicConfig(level=logging.ERROR, format="%(levelname)s: %(message)s")  # a site's warnings are no news here
    folder = Path(work) if work else Path(tempfile.mkdtemp(prefix="proof-"))
    started = time.perf_counter()
    try:
        done = run(folder, int(seed), int(edits), int(batch), int(every), int(items))
    except ProofFailure as failure:
        raise Exit(f"invoke proof failed: {failure}\n(the work folder is kept: {folder})", code=1) from None
    print(f"Proved: {len(done.history)} edits (seed {seed}), every incremental build equal to a cold one, "
          f"in {time.perf_counter() - started:.0f} s")
    if not work:
        shutil.rmtree(folder, ignore_errors=True)


@task(help={"output": "a built site (default: output/, built first if it has no index.html)"})
def weight(c, output=None):
    """Open one page of every kind, both languages, in Chromium with a cold cache: bytes per type, the budgets."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tooling.weight import launch, measure_site, report

    site = Path(output or CONFIG["output"]).resolve()
    if not (site / "index.html").is_file():
        run_build(output=site)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            rows = measure_site(site, browser)
        finally:
            browser.close()
    table, ok = report(rows, site)
    print(table)
    if not ok:
        raise Exit("Over the page weight budget (issue #8): see the table above.", code=1)
    return rows


@task(help={"items": "items per language in the generated corpus (default 1000; 2000 with --search)",
            "rounds": "alternating rounds of every build (default 3; the table gives medians)",
            "datasets": "violation datasets in the corpus, each charted four times in one publication (default 50)",
            "campaigns": "campaigns of 10 pages per language in the corpus (default 10)",
            "compare_hugo": "also build the corpus converted to a Hugo site (needs `hugo` on PATH)",
            "search": "compare our search with Pagefind instead (Chromium)",
            "reload": "time `invoke serve` instead: from a save to the reloaded page, in Chromium",
            "saves": "with --reload: timed saves (default 10; the table gives median and max)"})
def bench(c, items=None, rounds=3, datasets=50, campaigns=10, compare_hugo=False, search=False, reload=False,
          saves=10):
    """Time our build, cold and warm, against stock Pelican on a generated bilingual corpus; print the table."""
    sys.path.insert(0, str(ROOT))
    if reload:
        from benchmarks.reload import bench as reload_bench

        return reload_bench(int(items or 1000), int(saves))
    if search:
        from benchmarks.search import bench as search_bench

        return search_bench(int(items or 2000))
    if compare_hugo and not shutil.which("hugo"):
        raise Exit("invoke bench --compare-hugo: `hugo` is not on PATH (Debian: apt-get install hugo)", code=1)
    from benchmarks.run import bench as run_bench

    return run_bench(int(items or 1000), int(rounds), int(datasets), int(campaigns), compare_hugo)


@task(help={"output": "an already built site to audit (default: build content/ into a scratch folder)",
            "content": BUILD_HELP["content"],
            "pages": "comma-separated: home, listing, publication, search, data, campaign (default: all) or paths",
            "runs": "Lighthouse runs per page; the run of median performance is reported (default 1)",
            "reports": "keep each page's JSON report in this folder",
            "strict": "exit with an error if a page is below a target (performance 98, the others 100)"})
def lighthouse(c, output=None, content=None, pages=None, runs=1, reports=None, strict=False):
    """Lighthouse (mobile) on the main pages in every language, served as production serves them; print the table."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from deploy.settings import CACHE
    from pelicanconf import DEFAULT_LANG, LANGUAGES
    from tooling import lighthouse as lh
    from tooling.siteserver import serve as serve_site, site_headers

    names = [name.strip() for name in pages.split(",")] if pages else list(lh.PAGES)
    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as scratch:
        site = Path(output) if output else run_build(content, Path(scratch) / "output").output
        try:
            targets = lh.page_paths(names, list(LANGUAGES), DEFAULT_LANG)
            missing = lh.missing_pages(site, targets)
            if missing:
                raise lh.LighthouseError(f"{site} has no page at: {', '.join('/' + p for p in missing)}")
            server, url = serve_site(site, site_headers(site), CACHE)
            try:
                results = lh.audit_site(url, targets, int(runs), reports)
            finally:
                server.shutdown()
                server.server_close()
        except lh.LighthouseError as error:
            raise Exit(f"invoke lighthouse: {error}", code=1) from None
    print(lh.render_table(results))
    if strict and any(result.missed() for result in results):
        raise Exit("invoke lighthouse --strict: a page is below its target (marked *)", code=1)
    return results
