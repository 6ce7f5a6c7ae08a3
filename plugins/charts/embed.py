"""Chart lines in Markdown: found in the source with their line numbers, checked against the
data, and each drawn where Markdown put its paragraph.

A chart line is `{chart …}` alone on its line, at most three spaces in (where a paragraph may
start). `room_around_charts` (run by the Markdown extension in `mdextension.py`, before
conversion) gives each one an empty line before and after, so it always becomes a paragraph
of its own: without them, Markdown's attr_list would read a chart line written right under a
paragraph as that paragraph's attributes (`<p by="platform" chart q1>`), and one written
right above text would be joined to it. `{chart` anywhere else — inside a sentence, a
heading, a list item, a quote, a table — stops the build naming the line, as does a chart
line that still did not become a paragraph (inside raw HTML). Code (fenced, indented, or
between backticks) is left alone: that is how a page shows the syntax.
"""

import html
import re

from bilingual.errors import ContentError
from messages import t

from .directive import HTML_PARAGRAPH, SLOT_HTML, SOURCE_LINE, DirectiveError, check_spec, parse_directive

FENCES = ("```", "~~~")
LIST_OR_QUOTE = re.compile(r"^\s{0,3}(>|[-*+]\s|\d{1,9}[.)]\s)")  # a line that opens a quote or a list item
INLINE_CODE = re.compile(r"(`+).+?\1")  # a code span: `…` or ``…``
CODE_HTML = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL)


def scan_source(text):
    """(chart lines, misplaced): [(line number, directive text)] and [(line number, (message, hint))], outside code."""
    charts, misplaced = [], []
    fence, previous, in_list = None, "", False
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.expandtabs(4)
        stripped, indent = line.strip(), len(line) - len(line.lstrip())
        if stripped.startswith(FENCES):
            fence = None if fence and stripped.startswith(fence) else (fence or stripped[:3])
        elif fence or _indented_code(indent, previous, in_list):
            pass
        elif SOURCE_LINE.match(line):
            charts.append((number, stripped))
        elif "{chart" in INLINE_CODE.sub("", line):
            misplaced.append((number, _misplaced(line, indent, in_list)))
        if stripped:  # a list or quote goes on over empty lines, and ends at a line that is not indented
            in_list = bool(LIST_OR_QUOTE.match(line)) or (in_list and indent > 0)
        previous = line
    return charts, misplaced


def _indented_code(indent, previous, in_list):
    # Four spaces in, after an empty line or more code, outside a list: Markdown's indented code.
    return indent >= 4 and not in_list and (not previous.strip() or len(previous) - len(previous.lstrip()) >= 4)


def _misplaced(line, indent, in_list):
    """(message, hint) for a `{chart` that is not a chart line."""
    if LIST_OR_QUOTE.match(line) or (in_list and indent > 0):
        return (t("a chart line cannot be inside a list item or a quote"),
                t("put the chart line on a line of its own, after the list or quote, at the start of the line"))
    return t("a chart line must be alone on its line, not inside a sentence, a heading or a table"), how_to_fix()


def how_to_fix():
    return t("put the chart line on a line of its own, with nothing before or after it: {{chart DATASET by=DIMENSION}}")


def room_around_charts(lines):
    """The Markdown source's lines with an empty line before and after each chart line."""
    charts = {number for number, _ in scan_source("\n".join(lines))[0]}
    spaced = []
    for number, line in enumerate(lines, start=1):
        spaced.extend(["", line, ""] if number in charts else [line])
    return spaced


def embed_charts(content, source_text, path, store):
    """Replace each chart paragraph with a slot; return (content, [ChartSpec]).

    `content` is the item's HTML, `source_text` its Markdown (for line numbers), `path` as messages name it.
    """
    lines, misplaced = scan_source(source_text)
    if misplaced:
        line, (message, hint) = misplaced[0]
        raise ContentError(path, message, line=line, hint=hint)
    matches = list(HTML_PARAGRAPH.finditer(content))
    if len(matches) != len(lines):
        raise ContentError(path, t("this chart line did not become a paragraph of its own"),
                           line=_first_missing(lines, matches),
                           hint=t("leave an empty line before and after the chart line, outside any HTML"))
    specs, out, last = [], [], 0
    for (line, text), match in zip(lines, matches):
        try:
            spec = parse_directive(text[len("{chart"):-1])
            check_spec(spec, store)
        except DirectiveError as error:
            raise ContentError(path, error.message, line=line, hint=error.hint) from None
        out.append(content[last:match.start()])
        out.append(SLOT_HTML.format(n=len(specs)))
        specs.append(spec)
        last = match.end()
    out.append(content[last:])
    content = "".join(out)
    if "{chart" in CODE_HTML.sub("", content):  # nothing above let it through; a page must never show one
        raise ContentError(path, t("the page would show '{{chart' as text"), hint=how_to_fix())
    return content, specs


def _first_missing(lines, matches):
    written = [" ".join(html.unescape(m.group(1)).split()) for m in matches]
    for line, text in lines:
        words = " ".join(text[len("{chart"):-1].split())
        if words in written:
            written.remove(words)
        else:
            return line
    return lines[-1][0] if lines else None
