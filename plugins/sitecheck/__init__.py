"""sitecheck: what the build checks once every language is written, before the new site
replaces the old one — links and anchors, image descriptions, summaries, file sizes,
translations. Errors stop the build; warnings are reported once, grouped by file.

Not a Pelican plugin: the bilingual build driver calls check_site() with the staging
folder and the SiteIndex, because these checks need every language at once.
"""

from pathlib import Path
from typing import NamedTuple

from bilingual.errors import ContentError
from bilingual.templating import theme_asset_url
from messages import t, tn

from .consistency import consistency_warnings
from .content import item_warnings, size_warnings
from .links import LinkChecker, scan
from .report import report_pages, report_url, translation_page
from .translations import git_history, item_statuses, translation_warnings


class Item(NamedTuple):
    """What the checks read of one item (a publication, news item, page or campaign page) in one language."""

    path: str  # its Markdown file, relative to the content folder
    source_file: str  # the same, as a path to read
    header: dict  # {key: (raw value, line)} of its metadata block
    html: str
    campaign: str = ""  # a campaign page: its campaign.yaml
    campaign_languages: tuple = ()  # … and the languages that campaign is published in


def read_pages(staging, scans=None):
    """{relative path: (ids, links)} of every page. `scans`: {relative path: ((inode, size, mtime_ns), scan)}
    kept from the last build, whose scan is used for a page that is still that very file (an incremental
    build links unchanged pages from the last output: incremental/); it is updated with this build's."""
    pages, kept = {}, scans if scans is not None else {}
    for path in sorted(staging.rglob("*.html")):
        rel = path.relative_to(staging).as_posix()
        found = path.stat()
        stamp = (found.st_ino, found.st_size, found.st_mtime_ns)
        before = kept.get(rel)
        pages[rel] = before[1] if before is not None and before[0] == stamp else scan(path.read_text(encoding="utf-8"))
        kept[rel] = (stamp, pages[rel])
    for rel in [rel for rel in kept if rel not in pages]:
        del kept[rel]
    return pages


def yaml_files(content_path):
    """{relative path: lines} of every YAML file staff wrote."""
    root = Path(content_path)
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8").splitlines()
            for p in sorted(root.rglob("*.yaml"))}


def link_errors(staging, index, content_path, scans=None):
    """A ContentError for every internal link or anchor that leads nowhere, once per place it
    is written: the source file and line (Markdown or a data file), or, for links no person
    wrote, the template's first page and how many pages carry it."""
    sources = {entry.url.lstrip("/") + ("index.html" if entry.url.endswith("/") or not entry.url else ""): entry.source
               for entries in index.entries.values() for entry in entries.values()}
    written, yamls = {}, None  # (file, line, target, why) → pages carrying it
    for page, _attribute, target, why in LinkChecker(staging, read_pages(staging, scans)).broken():
        source = sources.get(page)
        text = (Path(content_path) / source).read_text(encoding="utf-8") if source else ""
        line = next((n for n, text_line in enumerate(text.splitlines(), 1) if target in text_line), None)
        if not line:  # maybe a data file wrote it (a dataset's methodology link, a campaign's links)
            yamls = yamls if yamls is not None else yaml_files(content_path)  # read once, only if needed
            # the YAML holds the address without the language prefix the template adds
            neutral = {target} | {"/" + target[len(p) + 1:] for p in index.prefixes.values()
                                  if p and target.startswith("/" + p)}
            source, line = next(((rel, n) for rel, lines in yamls.items() for n, text_line in enumerate(lines, 1)
                                 if any(form in text_line for form in neutral)), (None, None))
        written.setdefault((source, line, target, why), []).append(page)
    errors = []
    for (source, line, target, why), pages in sorted(written.items(), key=lambda e: [str(k) for k in e[0]]):
        problem = why if len(pages) == 1 else tn("{problem} (on {count} page)", "{problem} (on {count} pages)",
                                                 len(pages), problem=why)
        if source:
            errors.append(ContentError(source, problem, line=line,
                                       hint=t("fix the address; for another item use {{filename}}../folder/file.md, "
                                              "for a PDF {{static}}../pdfs/file.pdf")))
        else:  # not in what staff wrote: a template made it, on every page that uses it
            errors.append(ContentError(f"output/{pages[0]}", problem,
                                       hint=t("a theme template writes this link: fix the template")))
    return errors


def check_site(staging, index, items, settings, notes=(), scans=None):
    """(errors, warnings, statuses): items are the Item of every item and campaign page, in every language;
    notes are warnings found while reading (what the sanitiser removed), reported with the rest; scans: what
    the last build read of each page (read_pages), updated.

    settings: the main language's (with `PRIVACY`, whose meta policy the report pages carry like every page).
    """
    staging = Path(staging)
    errors = link_errors(staging, index, settings["PATH"], scans)
    warnings = list(notes)
    for item in items:  # a campaign page's description falls back to its campaign's: no summary needed
        warnings += item_warnings(item.path, item.source_file, item.header, item.html, needs_summary=not item.campaign)
    warnings += consistency_warnings(items, settings["DEFAULT_LANG"])
    limits = {".pdf": settings["PDF_MAX_BYTES"], **dict.fromkeys(
        (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"), settings["IMAGE_MAX_BYTES"])}
    warnings += size_warnings(settings["PATH"], settings["STATIC_PATHS"], limits)
    statuses = item_statuses(index, git_history(settings["PATH"]), settings["DEFAULT_LANG"], items)
    warnings += translation_warnings(statuses)
    write_reports(staging, statuses, index.prefixes, settings)
    return errors, warnings, statuses


def write_reports(staging, statuses, prefixes, settings):
    """The translation report for staff, one page per language (all under _reports/, which is for staff only)."""
    privacy = settings.get("PRIVACY")
    stylesheet = theme_asset_url(settings, "css/site.css")
    for lang in report_pages(prefixes):
        page = staging / report_url(lang, prefixes) / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(translation_page(statuses, lang, prefixes, settings, stylesheet,
                                         privacy.meta_policy if privacy else None), encoding="utf-8")
