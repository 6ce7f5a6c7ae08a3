"""Chart lines in Markdown: found in the HTML, checked against the data, named by line."""

import html

from bilingual.errors import ContentError

from .directive import HTML_PARAGRAPH, SLOT_HTML, SOURCE_LINE, DirectiveError, check_spec, parse_directive


def source_chart_lines(text):
    """[(line number, directive text)] outside fenced and indented code."""
    found, fence = [], None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = None if fence and stripped.startswith(fence) else (fence or stripped[:3])
        elif not fence and SOURCE_LINE.match(line):
            found.append((number, stripped))
    return found


def embed_charts(content, source_text, path, store):
    """Replace each chart paragraph with a slot; return (content, [ChartSpec])."""
    lines = source_chart_lines(source_text)
    matches = list(HTML_PARAGRAPH.finditer(content))
    if len(matches) < len(lines):
        # Markdown swallowed a chart line (e.g. written right under a paragraph).
        line = lines[len(matches)][0] if not matches else _first_missing(lines, matches)
        raise ContentError(path, "this chart line is not on a paragraph of its own", line=line,
                           hint="leave an empty line before and after {chart …}")
    specs, out, last = [], [], 0
    for (line, _), match in zip(lines, matches):
        try:
            spec = parse_directive(html.unescape(match.group(1)))
            check_spec(spec, store)
        except DirectiveError as error:
            raise ContentError(path, error.message, line=line, hint=error.hint) from None
        out.append(content[last:match.start()])
        out.append(SLOT_HTML.format(n=len(specs)))
        specs.append(spec)
        last = match.end()
    out.append(content[last:])
    return "".join(out), specs


def _first_missing(lines, matches):
    written = [html.unescape(m.group(0))[len("<p>"):-len("</p>")] for m in matches]
    for line, text in lines:
        if text in written:
            written.remove(text)
        else:
            return line
    return lines[-1][0]
