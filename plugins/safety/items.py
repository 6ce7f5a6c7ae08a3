"""An item's HTML (body and summary) through the sanitiser, with findings named by file and line."""

import re

from bilingual.errors import ContentError
from bilingual.metadata import LINE_BREAK
from messages import sentences, tn

from .html import Refused, sanitise

# A paragraph that is only a linked picture, leading to another site: the safe form of an
# embedded video or post. It gets a class (a card: the picture, the other site's name) and
# nothing else changes: the picture is ours, and the other site is reached only by a click.
LINK_CARD = re.compile(r'<p>(<a href="(https?://([^/"?#:]+)[^"]*)">)(<img [^>]*>)</a></p>')


def line_of(needle, lines, first=1):
    """The first line (1-based, from `first`) holding `needle` (ignoring case), or None."""
    needle = needle.lower()
    for number in range(first, len(lines) + 1):
        if needle in lines[number - 1].lower():
            return number
    return None


def body_start(lines):
    """The line after the metadata block (its first blank line), where the Markdown body begins."""
    return next((number + 1 for number, line in enumerate(lines, start=1) if not line.strip()), 1)


def _error(path, finding, text, fixed_line, more=0):
    """A ContentError for `finding`, on `fixed_line` or on the first line of the source holding one
    of its needles (the body first; the source is split only here, when there is something to name)."""
    line = fixed_line
    if line is None:
        lines = LINE_BREAK.split(text)
        found = (line_of(needle, lines, start) for start in (body_start(lines), 1) for needle in finding.needles
                 if needle)
        line = next(filter(None, found), None)
    others = tn("(and {count} more refused in this file)", "(and {count} more refused in this file)", more)
    message = sentences(finding.message, others if more else None)
    return ContentError(path, message, line=line, hint=finding.hint)


def clean_html(path, html, text, fixed_line=None):
    """(clean HTML, [ContentError] warnings); raises the first error as a ContentError.

    `text` is the source file; findings are named by the line they are on, or all on `fixed_line`
    (a summary is one line of the header)."""
    try:
        clean, warnings = sanitise(html)
    except Refused as refused:
        errors = [f for f in refused.findings if f.level == "error"]
        raise _error(path, errors[0], text, fixed_line, more=len(errors) - 1) from None
    return clean, [_error(path, finding, text, fixed_line) for finding in warnings]


def link_cards(html):
    """Paragraphs that are only a linked picture leading elsewhere become link cards."""
    if "<p><a href=\"http" not in html:
        return html

    def card(match):
        site = match.group(3).removeprefix("www.")
        return (f'<p class="link-card">{match.group(1)}{match.group(4)}'
                f'<span class="link-card__site"><bdi>{site}</bdi></span></a></p>')

    return LINK_CARD.sub(card, html)


def clean_item(path, text, content, summary=None, summary_line=None):
    """(content, summary, warnings) of one Markdown item, sanitised; errors raise ContentError."""
    content, notes = clean_html(path, content, text)
    if summary is not None:
        summary, summary_notes = clean_html(path, summary, text, fixed_line=summary_line)
        notes += summary_notes
    return link_cards(content), summary, notes
