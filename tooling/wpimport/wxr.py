"""A WordPress export (WXR 1.1/1.2) read into plain records, with defusedxml.

The export is a file from elsewhere: it is parsed with no DTD and no entity (a "billion laughs"
or an external entity is refused, never expanded or fetched), and its size is bounded.
"""

import dataclasses
import re
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from xml.etree.ElementTree import ParseError

from messages import t

MAX_BYTES = 2_000_000_000  # an export larger than 2 GB is not a site's text; split it in WordPress
NS = {
    "wp": "http://wordpress.org/export/{version}/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/{version}/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
SERIALIZED_PAIR = re.compile(r's:\d+:"([A-Za-z_-]+)";i:(\d+);')  # Polylang's term description: lang → post id


class ExportError(Exception):
    """The export cannot be read; the message says why (a Text)."""


@dataclasses.dataclass
class Item:
    id: int
    kind: str  # post, page, attachment (anything else is kept for the report)
    title: str
    link: str
    name: str  # wp:post_name, as exported (percent-encoded for Arabic)
    status: str
    date: str  # "YYYY-MM-DD HH:MM:SS", the site's local time
    parent: int
    order: int
    body: str
    excerpt: str
    terms: list  # (domain, nicename, label)
    meta: dict
    attachment_url: str = ""

    def terms_of(self, domain):
        return [(nicename, label) for d, nicename, label in self.terms if d == domain]


@dataclasses.dataclass
class Export:
    base_url: str
    items: list
    translation_groups: dict  # Polylang group name → {lang: post id}


def read_export(path):
    """The Export in the file at `path`; ExportError when it is not a WordPress export or is hostile."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExportError(t("the export is {size} bytes; at most {limit}", size=size, limit=MAX_BYTES))
        data = path.read_bytes()
    except OSError as error:
        raise ExportError(t("cannot read the export: {problem}", problem=error.strerror or error)) from None
    return parse_export(data)


def parse_export(data):
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ExportError(t("the export declares a DTD or entities, which a WordPress export never has; "
                            "refused without reading them")) from None
    except ParseError as error:
        raise ExportError(t("the export is not well-formed XML (line {line}): {problem}",
                            line=error.position[0], problem=str(error).split(":")[0])) from None
    channel = root.find("channel")
    version = _version(root)
    if root.tag != "rss" or channel is None or version is None:
        raise ExportError(t("this is not a WordPress export (WXR): export it from Tools → Export in WordPress"))
    ns = {key: value.format(version=version) for key, value in NS.items()}
    base = _text(channel, "wp:base_site_url", ns) or _text(channel, "link", ns)
    groups = {}
    for term in channel.findall("wp:term", ns):
        if _text(term, "wp:term_taxonomy", ns) == "post_translations":
            pairs = SERIALIZED_PAIR.findall(_text(term, "wp:term_description", ns))
            groups[_text(term, "wp:term_slug", ns)] = {lang: int(number) for lang, number in pairs}
    items = [_item(element, ns) for element in channel.findall("item")]
    return Export(base_url=base.rstrip("/"), items=[item for item in items if item], translation_groups=groups)


def _version(root):
    text = _raw_namespaces(root)
    for version in ("1.2", "1.1", "1.0"):
        if f"http://wordpress.org/export/{version}/" in text:
            return version
    return None


def _raw_namespaces(root):
    """The namespace URIs the parsed tree uses (ElementTree keeps them only in tag names)."""
    return " ".join({element.tag.split("}")[0] for element in root.iter() if element.tag.startswith("{")})


def _text(element, path, ns):
    found = element.find(path, ns)
    return (found.text or "").strip() if found is not None else ""


def _int(value):
    return int(value) if value.strip().isdigit() else 0


def _item(element, ns):
    number = _int(_text(element, "wp:post_id", ns))
    if not number:
        return None
    terms = [(c.get("domain", ""), c.get("nicename", ""), (c.text or "").strip()) for c in element.findall("category")]
    meta = {}
    for entry in element.findall("wp:postmeta", ns):
        meta.setdefault(_text(entry, "wp:meta_key", ns), _text(entry, "wp:meta_value", ns))
    body = element.find("content:encoded", ns)
    excerpt = element.find("excerpt:encoded", ns)
    return Item(id=number, kind=_text(element, "wp:post_type", ns), title=_text(element, "title", ns),
                link=_text(element, "link", ns), name=_text(element, "wp:post_name", ns),
                status=_text(element, "wp:status", ns), date=_text(element, "wp:post_date", ns),
                parent=_int(_text(element, "wp:post_parent", ns)), order=_int(_text(element, "wp:menu_order", ns)),
                body=(body.text or "") if body is not None else "",
                excerpt=(excerpt.text or "").strip() if excerpt is not None else "",
                terms=terms, meta=meta, attachment_url=_text(element, "wp:attachment_url", ns))


def site_path(url, base_url):
    """The path of `url` if it is an address of the old site (same host, or a path), else None."""
    parts = urlsplit(url.strip())
    base = urlsplit(base_url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc.lower().removeprefix("www.") != base.netloc.lower().removeprefix("www."):
        return None
    if not parts.netloc and not parts.path.startswith("/") and not parts.query:
        return None
    path = parts.path or "/"
    prefix = base.path.rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix):]
    return path, parts.query
