"""What staff chose for an address that has no page any more (REDIRECTS_FILE, YAML):

    /publications/old-report/: /publications/new-report/   # a redirect to another page of the site
    /news/withdrawn-statement/: gone                       # "gone": a 410 page in the reader's language

An address may also be one the ledger never held (an old site's): the same two choices.
Every mistake names the file and the line.
"""

from pathlib import Path

from bilingual.errors import ContentError
from charts.yamlfile import load_nodes
from messages import t

from .paths import check_address

GONE = "gone"
MAX_ENTRIES = 20_000  # one per address ever retired; thousands are plenty


def read_decisions(path, shown, reserved=()):
    """{address: (target address or GONE, line)}; {} without the file. `shown`: its name in messages."""
    path = Path(path)
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    root = load_nodes(text, shown)
    if root is None:
        return {}
    if not root.is_mapping:
        raise root.error(t("expected lines '/old/address/: /new/address/' or '/old/address/: gone'"))
    decisions = {}
    for count, (key, line, node) in enumerate(root.items(), 1):
        if count > MAX_ENTRIES:
            raise ContentError(shown, t("more than {limit} addresses", limit=MAX_ENTRIES), line=line,
                               hint=t("an address that is gone can stay gone without a line: ask a developer"))
        address, problem = check_address(key, reserved)
        if problem is not None:
            raise ContentError(shown, problem, line=line, hint=choices_hint(key))
        value = node.value()
        if value == GONE:
            decisions[address] = (GONE, line)
            continue
        target, problem = check_address(value, reserved) if isinstance(value, str) else (None, None)
        if target is None:
            raise ContentError(shown, problem or t("'{value}' is neither an address nor 'gone'", value=value),
                               line=node.line, hint=choices_hint(key))
        if target == address:
            raise ContentError(shown, t("{address} redirects to itself", address=address), line=node.line,
                               hint=choices_hint(key))
        decisions[address] = (target, node.line)
    return decisions


def choices_hint(address):
    return t("write either '{address}: /another/address/' (a redirect to a page of the site) or "
             "'{address}: gone' (a page saying it was removed)", address=address)
