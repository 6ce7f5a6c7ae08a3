"""How check results reach people, in the language of the run (or of the page): warnings grouped
by file, and the translation status as a terminal table and as unlisted pages for staff, one per
language (output/_reports/translations/ in the main language, …/translations/<lang>/ for the others:
everything for staff stays under /_reports/)."""

from html import escape

from messages import LANGUAGES, render, sentences, t, tn
from privacy.headers import attribute_text

from .translations import LanguageName

REPORTS = "_reports/translations/"
# What each cell of the translation status says: a word, and a mark beside it on the page, so a
# stale or missing translation stands out without colour.
STATES = {
    "source": ("●", t("source")),
    "ok": ("✓", t("ok")),
    "stale": ("⚠", t("stale")),
    "missing": ("✗", t("missing")),
    "not-needed": ("–", t("not needed")),
}
CALLING_ATTENTION = ("stale", "missing")
TITLE = t("Translation status")
ITEM = t("item")
NONE = t("None.")


def group_by_file(problems, lang=None):
    """'N warnings' then each file once, with its problems under it (in `lang`; default: the run's)."""
    by_file = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    files = tn("{count} file", "{count} files", len(by_file))
    header = tn("{count} warning in {files} (`--strict` makes it an error):",
                "{count} warnings in {files} (`--strict` makes them errors):", len(problems), files=files)
    lines = [render(header, lang)]
    for path in sorted(by_file):
        lines.append(f"  {path}")
        for problem in sorted(by_file[path], key=lambda p: (p.line or 0, render(p.message, lang))):
            message = t("line {line}: {message}", line=problem.line, message=problem.message) if problem.line \
                else problem.message
            lines.append(f"    {render(message, lang)}")
            if problem.hint:
                how = t("how to fix: {hint}", hint=problem.hint)
                lines.append(f"      {render(how, lang)}")
    return "\n".join(lines)


def state(status, lang):
    """What the item is in `lang`: a key of STATES."""
    if lang not in status.sources:
        return "missing" if lang in status.wanted else "not-needed"
    if lang in status.stale:
        return "stale"
    return "source" if lang == status.source_lang else "ok"


def translation_table(statuses, languages, lang=None):
    """A plain-text table: one row per item, one column per language (words in `lang`; default: the run's)."""
    rows = [[render(ITEM, lang), *languages]]
    rows += [[s.key, *(render(STATES[state(s, column)][1], lang) for column in languages)] for s in statuses]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in rows]
    out.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(out)


def report_pages(prefixes):
    """{site language: the language its report page is written in}, one page per language messages can be
    shown in; the main language's first (at _reports/translations/), whatever language it speaks."""
    pages = {}
    for lang in prefixes:
        speaks = lang if lang in LANGUAGES else "en"
        if speaks not in pages.values() or not pages:
            pages[lang] = speaks
    return pages


def report_url(lang, prefixes):
    """The report page of site language `lang`, from the site root: '_reports/translations/en/'."""
    return REPORTS + prefixes[lang]


def translation_page(statuses, lang, prefixes, settings, stylesheet, policy=None):
    """The staff report page of site language `lang`: noindex, linked from nowhere, outside the sitemap
    and search.

    settings: SITENAME, SITEURL, LANGUAGES (for the page's direction).
    policy: the site's Content-Security-Policy for a <meta> tag, first in <head> as on every page.
    """
    pages = report_pages(prefixes)
    speaks, languages, site_url = pages[lang], list(prefixes), settings["SITEURL"]

    def say(text):
        return escape(render(text, speaks))

    others = [(pages[other], f"{site_url}/{report_url(other, prefixes)}") for other in pages if other != lang]
    alternates = "".join(f'<link rel="alternate" hreflang="{shown}" href="{escape(url)}">\n' for shown, url in others)
    switch = " · ".join(f'<a href="{escape(url)}" hreflang="{shown}" lang="{shown}">'
                        f"{escape(LanguageName(shown).render(shown))}</a>" for shown, url in others)
    on_purpose = [s for s in statuses if s.on_purpose]
    summary = sentences(
        tn("This report lists {count} item.", "This report lists {count} items.", len(statuses)),
        tn("{count} translation is missing.", "{count} translations are missing.",
           sum(len(s.missing) for s in statuses)),
        tn("{count} translation is older than its source.", "{count} translations are older than their source.",
           sum(len(s.stale) for s in statuses)),
        tn("{count} item is in one language on purpose.", "{count} items are in one language on purpose.",
           len(on_purpose)))
    explanation = t("Stale: the source was changed after the translation was last committed (from git history); "
                    "the source is the language version committed first. This page is for staff: no page links to "
                    "it, and search engines are asked not to index it.")
    items, campaign_pages = [s for s in statuses if not s.campaign], [s for s in statuses if s.campaign]
    parts = [f"<p>{switch}</p>" if switch else "", f"<h1>{say(TITLE)}</h1>",
             f"<p>{say(summary)}</p>", f"<p>{say(explanation)}</p>",
             heading(t("Publications, news and pages"), speaks), status_table(items, languages, speaks, site_url)]
    if campaign_pages:
        parts += [heading(t("Campaign pages"), speaks), status_table(campaign_pages, languages, speaks, site_url)]
    if on_purpose:
        entries = "".join(f'<li><code dir="ltr">{escape(s.key)}</code>: {say(s.on_purpose)}</li>\n' for s in on_purpose)
        parts += [heading(t("In one language on purpose"), speaks), f"<ul>\n{entries}</ul>"]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{attribute_text(policy)}">\n' if policy else ""
    direction = settings["LANGUAGES"].get(speaks, {}).get("dir", "ltr")
    body = "\n".join(part for part in parts if part)
    return f"""<!doctype html>
<html lang="{speaks}" dir="{direction}">
<head>
<meta charset="utf-8">
{meta}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{say(TITLE)} · {escape(settings["SITENAME"])}</title>
<link rel="stylesheet" href="{escape(stylesheet)}">
{alternates}</head>
<body>
<main id="main" class="report prose">
{body}
</main>
</body>
</html>
"""


def heading(text, speaks):
    return f"<h2>{escape(render(text, speaks))}</h2>"


def status_table(statuses, languages, speaks, site_url):
    """One row per item: its key, then each language's state, linked to that language's page where there is one."""
    if not statuses:
        return f"<p>{escape(render(NONE, speaks))}</p>"
    head = "".join(f'<th scope="col">{escape(LanguageName(lang).render(speaks))}</th>' for lang in languages)
    rows = []
    for status in statuses:
        cells = "".join(status_cell(status, lang, speaks, site_url) for lang in languages)
        rows.append(f'<tr><th scope="row"><code dir="ltr">{escape(status.key)}</code></th>{cells}</tr>')
    return (f'<table>\n<thead><tr><th scope="col">{escape(render(ITEM, speaks))}</th>{head}</tr></thead>\n'
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")


def status_cell(status, lang, speaks, site_url):
    key = state(status, lang)
    mark, word = STATES[key]
    text = f'<span aria-hidden="true">{mark}</span> {escape(render(word, speaks))}'
    if key in CALLING_ATTENTION:
        text = f"<strong>{text}</strong>"
    if lang in status.urls:
        text = f'<a href="{escape(site_url)}/{escape(status.urls[lang])}" hreflang="{lang}">{text}</a>'
    return f'<td class="{key}">{text}</td>'
