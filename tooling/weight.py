"""Page weight as a visitor's browser gets it (`invoke weight`): one page of every kind, both
languages, each in a fresh Chromium context (cold cache), served as production serves it
(tooling/siteserver.py: the precompressed twins). Bytes are the response bodies as transferred
(compressed; headers left out), from the browser's network events, per resource type.

Budgets (issue #8): HTML + CSS + JS of every page ≤ 60 kB; fonts ≤ 100 kB in total, both the
faces the pages downloaded and the .woff2 files the site ships. kB = 1,000 bytes.
"""

import html
import re
import shutil
from pathlib import Path
from urllib.parse import quote, urlparse

from .siteserver import serving

PAGE_BUDGET = 60_000  # HTML + CSS + JS, compressed, per page
FONT_BUDGET = 100_000  # woff2, in total
CATEGORIES = ("HTML", "CSS", "JS", "fonts", "images", "other")
TYPES = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "font": "fonts", "image": "images"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PREFIXES = {"ar": "", "en": "en/"}


def first_item(site, folder):
    """The first `folder/<slug>/` of the built site that is an item (not a listing's page/2/)."""
    found = sorted(p.parent.name for p in (site / folder).glob("*/index.html") if p.parent.name != "page")
    return f"{folder}/{found[0]}/" if found else None


def search_query(site, path):
    """The longest word of the page's title: a query the search is sure to answer."""
    match = re.search(r"<title>(.*?)(?: · |</title>)", (site / path / "index.html").read_text(encoding="utf-8"))
    return max(re.findall(r"\w+", html.unescape(match.group(1))), key=len)


def pages(site):
    """[(kind, lang, path, search query or None)] of the built site, the kinds it has."""
    site, chosen = Path(site), []
    for lang, prefix in PREFIXES.items():
        if not (site / prefix / "index.html").is_file():
            continue
        publication = first_item(site, f"{prefix}publications")
        candidates = [
            ("home", prefix), ("listing", f"{prefix}publications/"), ("publication", publication),
            ("news item", first_item(site, f"{prefix}news")), ("page", f"{prefix}about/"),
            ("search", f"{prefix}search/"), ("data", f"{prefix}data/"),
            ("campaign", first_item(site, f"{prefix}campaigns")), ("404", f"{prefix}no-such-page/"),
        ]
        for kind, path in candidates:
            if kind == "404" or (path is not None and (site / path / "index.html").is_file()):
                query = search_query(site, publication) if kind == "search" and publication else None
                chosen.append((kind, lang, path, query))
    return chosen


def measure_page(browser, url):
    """({category: bytes}, [(url, category, bytes)]) of one page opened with an empty cache."""
    context = browser.new_context()
    try:
        finished = []
        context.on("requestfinished", lambda request: finished.append(request))
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        if "?q=" in url:  # the search page: until its results are shown
            page.wait_for_function("() => document.querySelector('[data-search-results]').dataset.searchQuery",
                                   timeout=60_000)
            page.wait_for_load_state("networkidle")
        resources = []
        for request in finished:
            category = TYPES.get(request.resource_type, "other")
            resources.append((request.url, category, request.sizes()["responseBodySize"]))
        totals = dict.fromkeys(CATEGORIES, 0)
        for _, category, size in resources:
            totals[category] += size
        return totals, resources
    finally:
        context.close()


def measure_site(site, browser):
    """[{kind, lang, path, totals, resources}] for every page kind of the site."""
    rows = []
    with serving(site) as base:
        for kind, lang, path, query in pages(site):
            url = f"{base}/{path}" + (f"?q={quote(query)}" if query else "")
            totals, resources = measure_page(browser, url)
            rows.append({"kind": kind, "lang": lang, "path": path + (f"?q={query}" if query else ""),
                         "totals": totals, "resources": resources})
    return rows


def page_weight(totals):
    return totals["HTML"] + totals["CSS"] + totals["JS"]


def fonts_downloaded(rows):
    """{font path: bytes} of every face any measured page downloaded."""
    return {urlparse(url).path: size for row in rows for url, category, size in row["resources"] if category == "fonts"}


def fonts_shipped(site):
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in sorted(Path(site).rglob("*.woff2"))}


def report(rows, site):
    """The table and the budget lines, and whether every budget holds."""
    kb = lambda n: f"{n / 1000:.1f}"  # noqa: E731
    lines = [f"{'page':<14}{'lang':<6}{'HTML':>7}{'CSS':>7}{'JS':>7}{'fonts':>7}{'images':>8}{'other':>7}"
             f"{'H+C+J':>8}  budget {PAGE_BUDGET // 1000} kB"]
    ok = True
    for row in rows:
        totals, weight = row["totals"], page_weight(row["totals"])
        ok &= weight <= PAGE_BUDGET
        lines.append(f"{row['kind']:<14}{row['lang']:<6}" + "".join(
            f"{kb(totals[c]):>{8 if c == 'images' else 7}}" for c in CATEGORIES) +
            f"{kb(weight):>8}  {'ok' if weight <= PAGE_BUDGET else 'OVER'}  /{row['path']}")
    downloaded, shipped = fonts_downloaded(rows), fonts_shipped(site)
    for label, fonts in (("downloaded by these pages", downloaded), ("shipped in the site", shipped)):
        total = sum(fonts.values())
        ok &= total <= FONT_BUDGET
        lines.append(f"fonts {label}: {kb(total)} kB of {FONT_BUDGET // 1000} kB "
                     f"{'ok' if total <= FONT_BUDGET else 'OVER'} ({', '.join(Path(f).name for f in fonts) or 'none'})")
    lines.append("kB = 1,000 bytes, response bodies as transferred (compressed), fresh cache per page")
    return "\n".join(lines), ok


def launch(playwright):
    executable = shutil.which("chromium")
    if not executable:
        raise RuntimeError("Debian's chromium is not installed (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
