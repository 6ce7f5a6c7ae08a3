"""`Aliases:` — the addresses an item had on an old site (never in the ledger), each redirected to it.

    Aliases: /ar/old-report.html, /en/reports/old/, /?p=123

A WordPress query address (/?p=123, /?page_id=45, /?attachment_id=67) is allowed, and no other query:
no page can answer it, so only `_redirects` and nginx's map carry it (plugins/addresses/hosts.py).

Checked as the file is read (bilingual.metadata: a path on this site, within limits, naming the
line), and again once the site is written (plugins/addresses/plan.py: not a page of the site).
"""

from bilingual.errors import ContentError
from messages import t

from .paths import check_address

MAX_ALIASES = 50  # per item: an old site rarely had more than a few addresses for one page


def parse_aliases(path, header, reserved=()):
    """[(address, line)] of an item's `Aliases:` line; a ContentError for the first bad one."""
    if "aliases" not in header:
        return []
    value, line = header["aliases"]
    values = [part.strip() for part in value.split(",") if part.strip()]
    if not values:
        raise ContentError(path, t("'Aliases:' is empty"), line=line,
                           hint=t("write the old addresses after it, separated by commas, or remove the line"))
    if len(values) > MAX_ALIASES:
        raise ContentError(path, t("{count} addresses in 'Aliases:'; at most {limit}", count=len(values),
                                   limit=MAX_ALIASES), line=line,
                           hint=t("list only the old addresses people still use"))
    found = []
    for raw in values:
        address, problem = check_address(raw, reserved, queries=True)
        if problem is not None:
            raise ContentError(path, problem, line=line,
                               hint=t("'Aliases:' lists old addresses of this item on this site, e.g. "
                                      "'Aliases: /ar/old-report.html, /en/reports/old/'"))
        found.append((address, line))
    return found
