"""What every address answers: a page, a redirect, or "gone" — and which published address answers nothing.

Runs once every language is written (the pages are known, listings' later pages too). For each
address in the ledger, in this order: a page the build wrote; staff's choice in the redirects
file; an item's `Aliases:`; a listing's later page that no longer exists (→ the listing); the
file that answered it, followed through git's renames to the page it makes today. Anything else
stops the build, naming the address, its file and the two choices.
"""

from dataclasses import dataclass, field

from bilingual.errors import ContentError
from messages import t

from .aliases import parse_aliases
from .decisions import GONE, choices_hint
from .paths import PAGINATION, address_file, is_query

@dataclass(frozen=True)
class Redirect:
    address: str  # the old address, '/publications/old/'
    target: str  # the page it leads to, '/publications/new/'
    lang: str  # the language of the page it leads to: the redirect page speaks it
    origin: tuple = ()  # (file, line) that asked for it, for messages; () for a rename


@dataclass
class Plan:
    redirects: dict = field(default_factory=dict)  # address → Redirect
    gone: dict = field(default_factory=dict)  # address → the language of its 410 page
    ledger: dict = field(default_factory=dict)  # the ledger after this build is published: address → source
    errors: list = field(default_factory=list)


def language_of(address, prefixes):
    """The language whose prefix the address starts with (the main language's is empty)."""
    for lang, prefix in prefixes.items():
        if prefix and address.startswith("/" + prefix):
            return lang
    return next(iter(prefixes))


def plan_addresses(pages, index, items, ledger, decisions, renames, files, reserved=()):
    """The Plan of this build.

    pages: {address: source or ""} of every page written; index: the SiteIndex; items: sitecheck.Item of
    every item (for `Aliases:`); ledger: {address: (source, line)}; decisions: {address: (target or GONE,
    line)}; renames: a function giving {old path: current path} (called only if a source is missing);
    files: {"ledger": …, "redirects": …} as named in messages; reserved: folders that hold no pages.
    """
    prefixes = index.prefixes
    plan = Plan()
    by_source = {entry.source: "/" + entry.url for entries in index.entries.values()
                 for entry in entries.values() if entry.source}
    claimed = {}  # address → (file, line) of whoever asked for a redirect there

    def redirect(address, target, origin):
        if address in pages:
            path, line = origin
            plan.errors.append(ContentError(path, t("{address} is the address of a page of the site; it cannot "
                                                    "also lead elsewhere", address=address), line=line,
                                            hint=t("remove it here: the page answers it")))
            return
        if address in claimed:
            path, line = origin
            other = claimed[address]
            plan.errors.append(ContentError(path, t("{address} is also claimed by {other}", address=address,
                                                    other=f"{other[0]}:{other[1]}"), line=line,
                                            hint=t("an address can lead to one page only: keep one of the two")))
            return
        claimed[address] = origin
        plan.redirects[address] = Redirect(address, target, language_of(target, prefixes), origin)

    for address, (target, line) in sorted(decisions.items()):
        origin = (files["redirects"], line)
        if target == GONE:
            if address in pages:
                redirect(address, None, origin)  # reports the clash
            else:
                claimed[address] = origin
                plan.gone[address] = language_of(address, prefixes)
        elif target not in pages:
            plan.errors.append(ContentError(files["redirects"], t("{target} is not a page of the site", target=target),
                                            line=line, hint=t("a redirect leads to a page the build writes: check "
                                                              "the address in the browser's preview")))
        else:
            redirect(address, target, origin)
    for item in sorted(items, key=lambda item: item.path):
        target = by_source.get(item.path)
        try:
            aliases = parse_aliases(item.path, item.header, reserved)
        except ContentError as error:
            plan.errors.append(error)
            continue
        for address, line in aliases:
            if target is not None and address != target:
                redirect(address, target, (item.path, line))
    missing = []
    for address, (source, line) in sorted(ledger.items()):
        if address in pages or address in plan.redirects or address in plan.gone:
            continue
        listing = PAGINATION.match(address)
        if listing and listing.group(1) in pages:
            plan.redirects[address] = Redirect(address, listing.group(1), language_of(address, prefixes))
            continue
        missing.append((address, source, line))
    moved = renames() if any(source and source not in by_source for _, source, _ in missing) else {}
    for address, source, line in missing:
        target = by_source.get(moved.get(source, source)) if source else None
        if target is not None and target != address:
            plan.redirects[address] = Redirect(address, target, language_of(target, prefixes))
            continue
        message = (t("{address} was published (from {file}) and no longer exists", address=address, file=source)
                   if source else t("{address} was published and no longer exists", address=address))
        plan.errors.append(ContentError(source or files["ledger"], message, line=None if source else line,
                                        hint=t("people's links and posts lead to it: in {file}, {choices}",
                                               file=files["redirects"], choices=choices_hint(address))))
    # the ledger once this build is published: every address it held, every page, every redirect
    plan.ledger = {address: source for address, (source, _) in ledger.items()}
    plan.ledger.update(pages)
    by_url = {url: source for source, url in by_source.items()}
    for address, found in plan.redirects.items():
        if not is_query(address):  # a query address is the host's to answer, never a published page
            plan.ledger[address] = by_url.get(found.target, "")
    return plan


def redirect_files(plan):
    """{output file: Redirect} of the pages that redirect (a query address has none: the host redirects it)."""
    return {address_file(address): found for address, found in sorted(plan.redirects.items())
            if not is_query(address)}
