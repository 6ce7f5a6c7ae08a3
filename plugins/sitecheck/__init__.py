"""sitecheck: what the build checks once every language is written, before the new site
replaces the old one — links and anchors, image descriptions, summaries, file sizes,
translations. Errors stop the build; warnings are reported once, grouped by file.

Not a Pelican plugin: the bilingual build driver calls check_site() with the staging
folder and the SiteIndex, because these checks need every language at once.
"""

from pathlib import Path

from babel import Locale

from bilingual.errors import ContentError

from .consistency import consistency_warnings
from .content import item_warnings, size_warnings
from .links import LinkChecker, scan
from bilingual.templating import theme_asset_url

from .report import translation_page
from .translations import git_history, item_statuses, translation_warnings

REPORT_PATH = "_reports/translations/index.html"


def read_pages(staging):
    pages = {}
    for path in sorted(staging.rglob("*.html")):
        rel = path.relative_to(staging).as_posix()
        pages[rel] = scan(path.read_text(encoding="utf-8"))
    return pages


def yaml_files(content_path):
    """{relative path: lines} of every YAML file staff wrote."""
    root = Path(content_path)
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8").splitlines()
            for p in sorted(root.rglob("*.yaml"))}


def link_errors(staging, index, content_path):
    """A ContentError for every internal link or anchor that leads nowhere, once per place it
    is written: the source file and line (Markdown or a data file), or, for links no person
    wrote, the template's first page and how many pages carry it."""
    sources = {entry.url.lstrip("/") + ("index.html" if entry.url.endswith("/") or not entry.url else ""): entry.source
               for entries in index.entries.values() for entry in entries.values()}
    written, yamls = {}, None  # (file, line, attribute, target, why) → pages carrying it
    for page, attribute, target, why in LinkChecker(staging, read_pages(staging)).broken():
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
        written.setdefault((source, line, attribute, target, why), []).append(page)
    errors = []
    for (source, line, attribute, target, why), pages in sorted(written.items(), key=lambda e: [str(k) for k in e[0]]):
        more = f" (on {len(pages)} pages)" if len(pages) > 1 else ""
        if source:
            errors.append(ContentError(source, f"the link {target} {why}{more}", line=line,
                                       hint="fix the address; for another item use {filename}../folder/file.md, "
                                            "for a PDF {static}../pdfs/file.pdf"))
        else:  # not in what staff wrote: a template made it, on every page that uses it
            errors.append(ContentError(f"output/{pages[0]}", f"the {attribute} {target} {why}{more}",
                                       hint="a theme template writes this link: fix the template"))
    return errors


def check_site(staging, index, items, settings, notes=()):
    """(errors, warnings, statuses): items are (relative path, source file, header, html) of every item;
    notes are warnings found while reading (what the sanitiser removed), reported with the rest.

    settings: the main language's (with `PRIVACY`, whose meta policy the report page carries like every page).
    """
    staging = Path(staging)
    errors = link_errors(staging, index, settings["PATH"])
    warnings = list(notes)
    for path, source_file, header, html in items:
        warnings += item_warnings(path, source_file, header, html)
    warnings += consistency_warnings(items, settings["DEFAULT_LANG"])
    limits = {".pdf": settings["PDF_MAX_BYTES"], **dict.fromkeys(
        (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"), settings["IMAGE_MAX_BYTES"])}
    warnings += size_warnings(settings["PATH"], settings["STATIC_PATHS"], limits)
    statuses = item_statuses(index, git_history(settings["PATH"]), settings["DEFAULT_LANG"])
    english = Locale.parse("en").languages  # messages are in English: "Arabic", not "العربية"
    names = {code: english.get(code, code) for code in settings["LANGUAGES"]}
    warnings += translation_warnings(statuses, names)
    report = staging / REPORT_PATH
    report.parent.mkdir(parents=True, exist_ok=True)
    privacy = settings.get("PRIVACY")
    report.write_text(translation_page(statuses, list(names), settings["SITENAME"],
                                       theme_asset_url(settings, "css/site.css"),
                                       privacy.meta_policy if privacy else None), encoding="utf-8")
    return errors, warnings, statuses
