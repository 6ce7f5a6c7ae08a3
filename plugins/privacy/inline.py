"""Code in HTML that the Content-Security-Policy would block: inline scripts, on* handlers, style.

The same finder serves the build (raw HTML in Markdown becomes a build error naming the line,
not a silently blocked element on the live site) and the tests (every built page).
"""

import re
from html.parser import HTMLParser

from bilingual.errors import ContentError

# What a Markdown writer can do instead, per kind of finding.
HINTS = {
    "script": "scripts live in files under themes/base/static/js/; ask a developer",
    "handler": "event handlers live in script files under themes/base/static/js/; ask a developer",
    "style": "use Markdown formatting, or ask a developer for a class in site.css "
             "(table column alignment ':---:' makes style attributes too: remove the colons)",
}


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []  # (kind, what, pattern that finds it in the source)

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        for name, _ in attrs:
            if name.startswith("on"):
                self.found.append(("handler", f"<{tag} {name}=…>", rf"<{tag}\b[^>]*\s{name}\s*="))
            elif name == "style":
                self.found.append(("style", f"<{tag} style=…>", rf"<{tag}\b[^>]*\sstyle\s*="))
        # JSON-LD is data, not code: browsers never run it and CSP does not apply to it.
        if tag == "script" and "src" not in names and names.get("type") != "application/ld+json":
            self.found.append(("script", "inline <script>", r"<script\b"))
        if tag == "style":
            self.found.append(("style", "<style> element", r"<style\b"))


def find_inline_code(html):
    """[(kind, what, source pattern)] for everything in `html` the CSP would block, in order."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def line_of(pattern, text):
    """1-based line of the first match of pattern in text, or None."""
    match = re.search(pattern, text, re.IGNORECASE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def check_item_html(path, html, read_source):
    """Stop on the first inline code in an item's HTML, naming its line in the source file."""
    found = find_inline_code(html)
    if found:
        kind, what, pattern = found[0]
        raise ContentError(path, f"{what} is blocked by the site's security policy",
                           line=line_of(pattern, read_source()), hint=HINTS[kind])
