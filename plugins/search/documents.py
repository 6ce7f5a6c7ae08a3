"""What the index and the result list know of an item: its text split into fields, and its card."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"script", "style", "svg", "template", "noscript"}  # not text a reader sees (charts repeat their table)
BLOCKS = HEADINGS | {"p", "li", "td", "th", "dd", "dt", "div", "section", "blockquote", "pre", "br", "tr",
                     "figcaption", "caption", "table", "ul", "ol"}
SPACES = re.compile(r"\s+")


class TextParser(HTMLParser):
    """Splits rendered HTML into heading text and body text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.body = [], []
        self.in_heading = 0
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in HEADINGS:
            self.in_heading += 1
        if tag in BLOCKS:
            (self.headings if self.in_heading else self.body).append("\n")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in HEADINGS:
            self.in_heading = max(0, self.in_heading - 1)
        if tag in BLOCKS:
            (self.headings if self.in_heading else self.body).append("\n")

    def handle_data(self, data):
        if not self.skipping:
            (self.headings if self.in_heading else self.body).append(data)


def tidy(parts):
    return SPACES.sub(" ", "".join(parts)).strip()


def html_fields(html):
    """(heading text, body text) of a piece of rendered HTML."""
    parser = TextParser()
    parser.feed(html or "")
    parser.close()
    return tidy(parser.headings), tidy(parser.body)


def excerpt(text, limit):
    """At most `limit` characters of text, cut at a space."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > limit // 2 else limit] + " …"


@dataclass
class Item:
    """One searchable page, as plain text and display strings (no Pelican objects)."""

    url: str
    title: str
    headings: str
    body: str  # summary, text and labels, all indexed
    kind: str  # type or category label, in the page's language
    date: str  # localised, or "" for pages
    datetime: str  # ISO date, or ""
    summary: str
    text: str  # body text without the labels, for snippets

    def fields(self, ref):
        # The title is the page's first heading, and it keeps lunr's length normalisation sane:
        # with most items having no subheadings, the average headings field would be nearly
        # empty, and any item with a few headings would be scored down as "long" instead of up.
        return {"ref": ref, "title": self.title, "headings": f"{self.title} {self.headings}", "body": self.body}

    def card(self, excerpt_chars):
        """What the result list shows; the snippet is chosen in the browser from `text`."""
        text = self.text
        if self.summary and not text.startswith(self.summary):
            text = f"{self.summary} {text}"
        return {"url": self.url, "title": self.title, "kind": self.kind, "date": self.date,
                "datetime": self.datetime, "text": excerpt(text, excerpt_chars)}
