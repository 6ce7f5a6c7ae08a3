"""Code in HTML that the Content-Security-Policy would block: inline scripts, on* handlers, style.

The tests run it on every built page: the theme's templates must not need 'unsafe-inline'.
(Content never gets there: its HTML passes plugins/safety's sanitiser, which refuses all three.)
"""

from html.parser import HTMLParser

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
