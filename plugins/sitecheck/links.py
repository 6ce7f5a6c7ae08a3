"""Internal links and anchors that lead nowhere, found in the built pages.

The pages are our own output (attributes always quoted), so regular expressions read
them: an HTML parser would cost seconds on a few thousand pages.
"""

import posixpath
import re
from urllib.parse import unquote, urlsplit

from messages import t

ATTRIBUTE = re.compile(r"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # https:, mailto:, tel:, data:, //host


def page_url(path):
    """The URL path of an output file: 'en/about/index.html' → '/en/about/'."""
    return "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def scan(html):
    """(ids, [(attribute, target)]) of one page."""
    ids, links = set(), []
    for name, double, single in ATTRIBUTE.findall(html):
        value = double or single
        if name == "id":
            ids.add(value)
        elif value and not EXTERNAL.match(value):
            links.append((name, value))
    return ids, links


def resolve(base, target):
    """(path of the target file relative to the site root, fragment) for a link on page `base`."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    if not path:
        path = base
    elif not path.startswith("/"):
        path = posixpath.normpath(posixpath.join(posixpath.dirname(base), path)) + ("/" if path.endswith("/") else "")
    rel = path.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return rel, unquote(parts.fragment)


class LinkChecker:
    """Holds every page's ids; answers whether a link's file and anchor exist."""

    def __init__(self, root, pages):
        self.root = root
        self.pages = pages  # relative path → (ids, links)

    def exists(self, rel):
        if rel in self.pages:
            return True
        target = self.root / rel
        if target.is_dir():
            return (target / "index.html").is_file()
        return target.is_file()

    def broken(self):
        """[(page, attribute, target, why)] for every link that leads nowhere (why: a messages.Text)."""
        found, known = [], {}
        for page, (_, links) in sorted(self.pages.items()):
            base = page_url(page)
            for attribute, target in links:
                key = (base, target) if not target.startswith("/") else target
                if key not in known:
                    known[key] = self.why(base, target)
                if known[key]:
                    found.append((page, attribute, target, known[key]))
        return found

    def why(self, base, target):
        """What is wrong with the link `target` on the page at URL `base`, as a whole sentence; None if nothing."""
        rel, fragment = resolve(base, target)
        if not self.exists(rel):
            return t("the link {target} leads to a page or file that does not exist", target=target)
        if fragment and rel.endswith(".html") and rel in self.pages and fragment not in self.pages[rel][0]:
            return t("the link {target} points to #{anchor}, which is not on that page", target=target, anchor=fragment)
        return None
