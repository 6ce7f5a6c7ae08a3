"""Every message the build, `invoke check`, `invoke new` and `invoke publish` print exists in Arabic and English.

A message is written once, in English, as `t("…{name}…", name=value)` (or `tn` for a count): the
template is the msgid of its package's catalog (`plugins/<package>/messages.ar.po`, `tooling/messages.ar.po`).
The tests here read the catalogs as `invoke messages` writes them and the source as Babel extracts it.
"""

import ast
import re
import string

import pytest
from babel.messages.extract import extract
from conftest import ROOT
from messages.catalogs import read_catalog
from test_error_docs import callee, raised_calls, text_of

SPEAKERS = sorted({path.parent for path in (ROOT / "plugins").glob("*/*.py")} | {ROOT / "tooling"})
KEYWORDS = {"t": None, "tn": (1, 2)}


def extracted(package):
    """{msgid: (file, line)} of every t()/tn() in the package's own files (tasks.py counts as tooling's)."""
    files = sorted(package.glob("*.py")) + ([ROOT / "tasks.py"] if package.name == "tooling" else [])
    found = {}
    for path in files:
        with open(path, "rb") as source:
            for lineno, message, _comments, _context in extract("python", source, keywords=KEYWORDS):
                msgid = message if isinstance(message, str) else tuple(message)
                found.setdefault(msgid, (path.relative_to(ROOT).as_posix(), lineno))
    return found


def fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("package", SPEAKERS, ids=lambda p: p.name)
def test_every_message_has_an_arabic_translation(package):
    messages = extracted(package)
    po = package / "messages.ar.po"
    if not messages:
        assert not po.exists(), f"{po.relative_to(ROOT)} is left from messages that no longer exist"
        return
    assert po.exists(), f"run `invoke messages` and translate {po.relative_to(ROOT)}"
    catalog = {m.id: m for m in read_catalog(po) if m.id}
    problems = []
    for msgid, (filename, line) in sorted(messages.items(), key=lambda kv: str(kv[0])):
        entry = catalog.get(msgid)
        english = msgid if isinstance(msgid, tuple) else (msgid,)
        if entry is None:
            problems.append(f"{filename}:{line}: not in the catalog (run `invoke messages`): {english[0]!r}")
            continue
        arabic = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(arabic):
            problems.append(f"{filename}:{line}: no Arabic (or marked fuzzy): {english[0]!r}")
            continue
        wanted = set().union(*(fields(text) for text in english)) - ({"count"} if len(english) > 1 else set())
        for text in arabic:
            have = fields(text) - ({"count"} if len(english) > 1 else set())
            if have != wanted:
                problems.append(f"{filename}:{line}: the Arabic has {sorted(have)}, the English {sorted(wanted)}: "
                                f"{english[0]!r}")
    stale = set(catalog) - set(messages)
    problems += [f"in the catalog but no longer in the code (run `invoke messages`): {m!r}" for m in sorted(map(str, stale))]
    assert not problems, "\n".join(problems)


# What a person is told must be translatable: the message (and hint) handed to a ContentError or
# one of the helpers that make one is a t()/tn()/sentences() call, or something passed on.
# Developers' tools (not for staff) keep English: `invoke lighthouse` and `invoke weight`.
DEVELOPERS_ONLY = {"tooling/lighthouse.py", "tooling/weight.py"}
# Programming errors: a person editing content or settings cannot cause them.
NOT_FOR_STAFF = {"{} is not a {} URL"}


def untranslated(node):
    """True if `node` is text a person reads that no catalog can translate: a literal or f-string with words."""
    template = text_of(node)
    return template is not None and re.search(r"[A-Za-z]{2}", template.replace("{}", "")) is not None


def code_files():
    yield from sorted((ROOT / "plugins").rglob("*.py"))
    yield from (path for path in sorted((ROOT / "tooling").glob("*.py"))
                if path.relative_to(ROOT).as_posix() not in DEVELOPERS_ONLY)


def test_no_message_is_left_in_english_only():
    found = []
    for path in code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call, node in raised_calls(tree):
            hint = next((k.value for k in call.keywords if k.arg == "hint"), None)
            for part in (node, hint):
                if part is not None and untranslated(part) and text_of(part) not in NOT_FOR_STAFF:
                    found.append(f"{path.relative_to(ROOT)}:{call.lineno}: {callee(call)}({text_of(part)!r})")
    assert not found, "write these as t(\"…\", name=value) so they can be shown in Arabic:\n  " + "\n  ".join(found)
