"""How check results reach people: warnings grouped by file, and the translation status
as a terminal table and as an unlisted page for staff (output/_reports/translations/)."""

from html import escape

from privacy.headers import attribute_text


def group_by_file(problems):
    """'N warnings' then each file once, with its problems under it."""
    by_file = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    count = len(problems)
    lines = [f"{count} warning{'s' if count != 1 else ''} in {len(by_file)} file{'s' if len(by_file) != 1 else ''} "
             "(`--strict` makes them errors):"]
    for path in sorted(by_file):
        lines.append(f"  {path}")
        for problem in sorted(by_file[path], key=lambda p: (p.line or 0, p.message)):
            where = f"line {problem.line}: " if problem.line else ""
            lines.append(f"    {where}{problem.message}")
            if problem.hint:
                lines.append(f"      how to fix: {problem.hint}")
    return "\n".join(lines)


def cell(status, lang):
    if lang not in status.sources:
        return "missing"
    if lang in status.stale:
        return "stale"
    return "source" if lang == status.source_lang else "ok"


def translation_table(statuses, languages):
    """A plain-text table: one row per item, one column per language."""
    rows = [["item", *languages]] + [[s.key, *(cell(s, lang) for lang in languages)] for s in statuses]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in rows]
    out.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(out)


def translation_page(statuses, languages, site_name, stylesheet, policy=None):
    """The staff report page: noindex, linked from nowhere, outside the sitemap and search.

    policy: the site's Content-Security-Policy for a <meta> tag, first in <head> as on every page.
    """
    head = "".join(f"<th scope='col'>{escape(lang)}</th>" for lang in languages)
    body = []
    for status in statuses:
        cells = "".join(f"<td class='{cell(status, lang)}'>{cell(status, lang)}</td>" for lang in languages)
        body.append(f"<tr><th scope='row'>{escape(status.key)}</th>{cells}</tr>")
    missing = sum(1 for s in statuses if len(s.sources) < len(languages))
    stale = sum(len(s.stale) for s in statuses)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{attribute_text(policy)}">\n' if policy else ""
    return f"""<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
{meta}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Translation status · {escape(site_name)}</title>
<link rel="stylesheet" href="{escape(stylesheet)}">
</head>
<body>
<main id="main" class="report">
<h1>Translation status <span lang="ar" dir="rtl">حالة الترجمة</span></h1>
<p>{len(statuses)} items; {missing} exist in fewer than {len(languages)} languages; {stale} translations are older
than their source (by git history: <em>stale</em> means the source was changed after the translation was last
committed). This page is for staff: no page links to it and search engines are asked not to index it.</p>
<table>
<thead><tr><th scope="col">item</th>{head}</tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
</main>
</body>
</html>
"""
