"""What an address on this site may be: a path, on this host, that names a page.

Addresses come from people (an `Aliases:` line, the redirects file) and become file names in the
output, lines of `_redirects` and of nginx's map, and the target of a refresh: so they are checked
by one allowlist. Letters of any script (an old site's Arabic addresses), digits, `-_.~` and `/`;
percent-escapes are read as the characters they stand for (what a browser's address bar copies).
"""

import re
from urllib.parse import quote, unquote

from messages import t

MAX_LENGTH = 300  # characters; the longest address of the site is about 80
# \w is every script's letters and digits (and _); combining marks (Arabic diacritics) too.
ALLOWED = re.compile(r"^/[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed.~/-]*$")
PAGE_ENDINGS = (".html", ".htm")  # an old static site's page; any other ending is not a page
PAGINATION = re.compile(r"^(.*/)page/[0-9]+/$")  # a listing's later pages (PAGINATION_PATTERNS)
# An old WordPress site's query addresses: the only queries an `Aliases:` address may have. No page can
# answer them (a static host ignores the query); `_redirects` and nginx's map do (plugins/addresses/hosts.py).
QUERY = re.compile(r"^/\?(p|page_id|attachment_id)=([1-9][0-9]{0,11})$")


def check_address(value, reserved=(), listing_pages=False, queries=False):
    """(address, None) for a usable address, else (None, Text saying why).

    `reserved`: first folders whose files are not pages (theme/, pdfs/ …), refused as addresses;
    `listing_pages`: a listing's later page (…/page/2/) is an address too (the ledger's, not a person's);
    `queries`: an old WordPress query address (/?p=123, /?page_id=45, /?attachment_id=67) is one too.
    """
    if not isinstance(value, str) or not value.strip():
        return None, t("an address must be a path such as /publications/old-report/")
    value = value.strip()
    if queries and QUERY.match(value):
        return value, None
    if queries and "?" in value and not value.startswith("//") and ":" not in value:
        return None, t("'{value}' has a query (?…): the only ones an old address may have are WordPress's "
                       "/?p=123, /?page_id=123 and /?attachment_id=123", value=value[:80])
    if len(value) > MAX_LENGTH:
        return None, t("the address is {length} characters long; at most {limit}", length=len(value),
                       limit=MAX_LENGTH)
    if value.startswith("//") or ":" in value:
        return None, t("'{value}' leads to another site or is not an address: write a path on this site, "
                       "starting with /", value=value[:80])
    if not value.startswith("/"):
        return None, t("'{value}' must start with / (a path on this site)", value=value[:80])
    try:
        decoded = unquote(value, errors="strict") if "%" in value else value
    except UnicodeDecodeError:
        decoded = "%"  # escapes of no text: refused below
    if "%" in decoded or not ALLOWED.match(decoded):
        return None, t("'{value}' has characters an address cannot have (spaces, quotes, ?, #, \\ or escapes); "
                       "letters, digits, - _ . ~ and / only", value=value[:80])
    segments = decoded.split("/")[1:]
    inner = segments[:-1] if segments[-1] == "" else segments
    if any(segment in ("", ".", "..") or segment.startswith(".") for segment in inner):
        return None, t("'{value}' has an empty, '.' or '..' part, or a hidden one (starting with a dot)",
                       value=value[:80])
    last = inner[-1] if inner else ""
    if "." in last and not last.lower().endswith(PAGE_ENDINGS):
        return None, t("'{value}' does not name a page: an address ends with / or .html", value=value[:80])
    if inner and inner[0] in reserved:
        return None, t("'{value}' is inside {folder}/, which holds the site's files, not pages",
                       value=value[:80], folder=inner[0])
    if not listing_pages and PAGINATION.match(decoded if decoded.endswith("/") else decoded + "/"):
        return None, t("'{value}' is the address of a listing's later page", value=value[:80])
    return decoded, None


def is_query(address):
    """True for an old WordPress query address ('/?p=12'): redirected by the host, never by a page."""
    return "?" in address


def query_rule(address):
    """('p', '12') of a query address."""
    key, number = QUERY.match(address).groups()
    return key, number


def address_file(address):
    """The file in the output that answers `address`: '/a/b/' and '/a/b' → 'a/b/index.html', '/a.html' → itself."""
    rel = address.lstrip("/")
    if rel.lower().endswith(PAGE_ENDINGS):
        return rel
    return (rel.rstrip("/") + "/index.html").lstrip("/")


def page_address(rel):
    """The address of a page file of the output: 'a/b/index.html' → '/a/b/', 'index.html' → '/'."""
    return "/" + rel[: -len("index.html")]


def url_form(address):
    """An address as it goes in a URL or a line of `_redirects` (non-Latin letters percent-escaped)."""
    return quote(address, safe="/-._~")
