"""The build driver's side (Pelican-facing): the plan of this build's addresses, and its files —
a small page per old address from the theme's `redirect.html`, in the language of the page it
leads to; `_redirects`; nginx's map. Called once every language is written, before sitecheck."""

from pathlib import Path

from bilingual.errors import BuildError, ContentError
from messages import t
from pelican.generators import Generator

from .decisions import read_decisions
from .history import renames
from .hosts import (NGINX_MAP_FILE, NGINX_QUERY_MAP_FILE, REDIRECTS_FILE, render_nginx_map, render_nginx_query_map,
                    render_redirects)
from .ledger import read_ledger
from .paths import page_address
from .plan import plan_addresses, redirect_files

NOT_ADDRESSES = ("_reports/", "drafts/")  # pages for staff and previews: never published as addresses


def written_pages(staging, index):
    """{address: source or ""} of every page (…/index.html) in the output, sources from the index."""
    sources = {"/" + entry.url: entry.source or "" for entries in index.entries.values()
               for entry in entries.values()}
    pages = {}
    for path in sorted(Path(staging).rglob("index.html")):
        rel = path.relative_to(staging).as_posix()
        if not rel.startswith(NOT_ADDRESSES):
            address = page_address(rel)
            pages[address] = sources.get(address, "")
    return pages


def reserved_folders(settings):
    """First folders of the output that hold files, not pages: an address there is refused."""
    return {settings.get("THEME_STATIC_DIR", "theme"), *NOT_ADDRESSES_FOLDERS,
            *(folder.split("/", 1)[0] for folder in settings.get("STATIC_PATHS", ()))}


NOT_ADDRESSES_FOLDERS = tuple(prefix.rstrip("/") for prefix in NOT_ADDRESSES)


DEFAULT_FILES = {"ledger": "data/addresses.txt", "redirects": "data/redirects.yaml"}


def ledger_files(settings):
    """{"ledger": ADDRESSES_FILE, "redirects": REDIRECTS_FILE}, relative to the content folder."""
    return {"ledger": settings.get("ADDRESSES_FILE") or DEFAULT_FILES["ledger"],
            "redirects": settings.get("REDIRECTS_FILE") or DEFAULT_FILES["redirects"]}


def site_plan(staging, index, items, settings):
    """The Plan, or a BuildError naming every address that answers nothing (and every bad line)."""
    content = Path(settings["PATH"])
    files = ledger_files(settings)
    reserved = reserved_folders(settings)
    ledger = read_ledger(content / files["ledger"], files["ledger"])
    decisions = read_decisions(content / files["redirects"], files["redirects"], reserved)
    plan = plan_addresses(written_pages(staging, index), index, items, ledger, decisions,
                          lambda: renames(content), files, reserved)
    if plan.errors:
        raise BuildError(plan.errors)
    return plan


def write_addresses(staging, index, items, sites):
    """Plan this build's addresses and write their files; the Plan (its `ledger` is what publish records)."""
    settings = sites[0].settings
    plan = site_plan(staging, index, items, settings)
    staging = Path(staging)
    pages = redirect_files(plan)
    clashes = [ContentError(found.origin[0] if found.origin else ledger_files(settings)["ledger"],
                            t("{address} would replace {file}, which the site writes", address=found.address,
                              file=rel), line=found.origin[1] if found.origin else None,
                            hint=t("choose another address; this one belongs to the site"))
               for rel, found in pages.items() if (staging / rel).exists()]
    if clashes:
        raise BuildError(clashes)
    templates = {}
    for rel, found in pages.items():
        if found.lang not in templates:
            site = next(site for site in sites if site.lang == found.lang)
            templates[found.lang] = (redirect_template(site.settings, staging), site.settings)
        template, language_settings = templates[found.lang]
        target = f"{language_settings['SITEURL']}{found.target}"
        html = template.render(**language_settings, target=target,
                               canonical=f"{language_settings['SITE_DOMAIN']}{found.target}")
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    # always, empty too: nginx's include of the map fails on a missing file
    (staging / REDIRECTS_FILE).write_text(render_redirects(plan, index.prefixes), encoding="utf-8")
    (staging / NGINX_MAP_FILE).write_text(render_nginx_map(plan, index.prefixes), encoding="utf-8")
    (staging / NGINX_QUERY_MAP_FILE).write_text(render_nginx_query_map(plan), encoding="utf-8")
    return plan


def redirect_template(settings, staging):
    """The theme's redirect.html in an environment every plugin has equipped for this language (gettext,
    the meta policy …): a Generator's, which is what generator_init equips."""
    generator = Generator(context=dict(settings), settings=settings, path=settings["PATH"], theme=settings["THEME"],
                          output_path=str(staging))
    return generator.get_template("redirect")
