"""The ledger: every address the live site has published, one a line, sorted, committed.

    /en/publications/annual-report-2022/ publications/annual-report-2022.en.md
    /topics/privacy/

An address, then (if a Markdown file answers it) that file, relative to the content folder.
`invoke publish` rewrites it after a successful upload: what it held, and every address the
upload published. Lines starting with # are comments. A line a person broke names its line.
"""

from pathlib import Path

from bilingual.errors import ContentError
from messages import t

from .paths import check_address

HEADER = ("# Every address the live site has published: `invoke publish` adds to it after each upload.\n"
          "# Each one must keep working (docs/decisions/0010-addresses-never-break.md); do not remove lines.\n")
MAX_LINES = 1_000_000


def read_ledger(path, shown):
    """{address: (source or "", line)}; {} if there is no ledger yet. `shown`: the file's name in messages."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(shown, t("the file is not UTF-8 text ({reason})", reason="utf-8"),
                           hint=t("take the file back from git: `git checkout -- {file}`", file=shown)) from None
    ledger = {}
    for number, line in enumerate(text.splitlines(), 1):
        if number > MAX_LINES:
            raise ContentError(shown, t("more than {limit} lines", limit=MAX_LINES), line=number)
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        address, problem = check_address(parts[0], listing_pages=True)
        if problem is not None or len(parts) > 2 or address != parts[0]:
            raise ContentError(shown, problem or t("a line holds an address and, after a space, the file that "
                                                   "answers it; nothing else"), line=number,
                               hint=t("take the line back from git: `invoke publish` writes this file"))
        ledger[address] = (parts[1] if len(parts) == 2 else "", number)
    return ledger


def render_ledger(addresses):
    """The ledger's text from {address: source or ""}: sorted, one a line."""
    return HEADER + "".join(f"{address} {source}".rstrip() + "\n" for address, source in sorted(addresses.items()))


def write_ledger(path, addresses):
    """Write the ledger whole (a temporary file renamed over it); True if it changed."""
    path = Path(path)
    text = render_ledger(addresses)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.new")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)
    return True
