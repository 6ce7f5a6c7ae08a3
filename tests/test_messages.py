"""Every message the build, `invoke check`, `invoke new` and `invoke publish` print exists in Arabic and English.

A message is written once, in English, as `t("…{name}…", name=value)` (or `tn` for a count): the
template is the msgid of its package's catalog (`plugins/<package>/messages.ar.po`, `tooling/messages.ar.po`).
The tests here read the catalogs as `invoke messages` writes them and the source as Babel extracts it.
"""

import ast
import os
import re
import string
import subprocess
import sys

import pytest
from babel.messages.extract import extract
from conftest import ROOT
from messages import LANGUAGES, anchor
from messages.catalogs import read_catalog, speakers
from tooling import messageref
from tooling.messageref import listed_templates, reference

# Callee name → position of the message argument. "error" is both Node.error(message, …)
# and RowChecker.error(line, message, …): for it, the first argument that is text.
MESSAGE_ARGUMENT = {
    "ContentError": 1,  # ContentError(path, message, line, hint)
    "DirectiveError": 0,  # DirectiveError(message, hint), becomes a ContentError naming the line
    "settings_error": 2,  # settings_error(settings_file, NAME, message, *keys): "NAME['key']: message"
    "_error": 1,  # languages._error(settings_file, message, NAME, *keys)
    "_problem": 1,  # headers._problem(settings_file, message, *keys)
    "problem": 0,  # mailing: problem(message, *keys) = settings_error(settings_file, "MAILING_LIST", …)
    "_note": 1,  # safety/html.py: the sanitiser's finder, _note(level, message, …)
    "Finding": 1,  # safety/html.py: Finding(level, message, …)
    "refuse": 0,  # safety.svg: refuse(message, hint), becomes a ContentError naming the SVG file and line
    "Problem": 1,  # safety.svg: Problem(line, message, hint), likewise
    "error": None,
}

SPEAKERS = speakers()
KEYWORDS = {"t": None, "tn": (1, 2)}


def extracted(package):
    """{msgid: (file, line)} of every t()/tn() in the package's own files (tasks.py counts as tooling's)."""
    files = sorted(package.rglob("*.py")) + ([ROOT / "tasks.py"] if package.name == "tooling" else [])
    found = {}
    for path in files:
        with open(path, "rb") as source:
            for lineno, message, _comments, _context in extract("python", source, keywords=KEYWORDS):
                msgid = message if isinstance(message, str) else tuple(message)
                found.setdefault(msgid, (path.relative_to(ROOT).as_posix(), lineno))
    return found


def text_of(node):
    """The template of a str literal, f-string, "a" + "b" or "…".replace(…); None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = text_of(node.left), text_of(node.right)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "replace":
        return text_of(node.func.value)
    return None


def callee(call):
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)


def message_node(call):
    """The AST node of the message a call passes, or None if it passes none we can read."""
    for keyword in call.keywords:
        if keyword.arg == "message":
            return keyword.value
    name = callee(call)
    if name in MESSAGE_ARGUMENT:
        position = MESSAGE_ARGUMENT[name]
        if position is None:
            return next((arg for arg in call.args if text_of(arg) is not None), None)
        return call.args[position] if len(call.args) > position else None
    return None


def raised_calls(tree):
    """(call, message node): `raise SomethingError(…)` anywhere (its first text argument), and
    every call of ContentError, DirectiveError and the helpers that build ContentErrors."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = callee(node.exc)
            if name not in MESSAGE_ARGUMENT and name and name.endswith(("Error", "Exception")):
                found = next((arg for arg in node.exc.args if text_of(arg) is not None), None)
                if found is not None:
                    yield node.exc, found
        if isinstance(node, ast.Call) and callee(node) in MESSAGE_ARGUMENT:
            found = message_node(node)
            if found is not None:
                yield node, found


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
DEVELOPERS_ONLY = {f"tooling/{name}" for name in messageref.DEVELOPERS_ONLY}
# Programming errors: a person editing content or settings cannot cause them.
NOT_FOR_STAFF = {"{} is not a {} URL"}


def untranslated(node):
    """True if `node` is text a person reads that no catalog can translate: a literal or f-string with words."""
    template = text_of(node)
    return template is not None and re.search(r"[A-Za-z]{2}", template.replace("{}", "")) is not None


def code_files():
    yield from sorted((ROOT / "plugins").rglob("*.py"))
    yield from sorted((ROOT / "deploy").glob("*.py"))
    yield from (path for path in sorted((ROOT / "tooling").rglob("*.py"))
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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_message_reference_is_generated_from_the_catalogs(lang):
    """docs/messages.<lang>.md is what `invoke messages` writes from the code and the catalogs, now."""
    page = ROOT / "docs" / f"messages.{lang}.md"
    assert page.read_text(encoding="utf-8") == reference(lang), f"run `invoke messages`: {page.name} is out of date"


def test_every_message_of_every_catalog_is_in_the_reference():
    listed = listed_templates()
    missing = [f"{where[0]}:{where[1]}: {msgid!r}" for package in SPEAKERS
               for msgid, where in extracted(package).items()
               if (msgid[0] if isinstance(msgid, tuple) else msgid) not in listed
               and not where[0].endswith("messageref.py")]
    assert not missing, "\n".join(missing)


def test_a_message_links_to_its_entry_in_both_references():
    from bilingual.errors import ContentError
    from messages import t

    error = ContentError("content/publications/x.ar.md", t("unknown publication type '{value}'", value="x"), line=2)
    for lang in LANGUAGES:
        assert f'<a id="{anchor(error.message)}"></a>' in (ROOT / "docs" / f"messages.{lang}.md").read_text(encoding="utf-8")


def build_by_invoke(site, *options, environment=None):
    """`invoke build` on a tiny site, as a person runs it (without the tests' SITE_MESSAGES=en unless given)."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_MESSAGES"} | (environment or {})
    return subprocess.run([sys.executable, "-m", "invoke", "build", "--content", str(site.content),
                           "--output", str(site.output), *options], cwd=ROOT, capture_output=True, text=True, env=env)


def test_a_content_mistake_is_told_in_arabic_by_default_and_in_english_on_request(tiny):
    tiny.write({"publications/paper.ar.md": "Title: ورقة\nDate: 2026-11-30\nType: position paper\n"
                                            "Summary: ملخص.\n\nنص.\n"})
    arabic = build_by_invoke(tiny)
    assert arabic.returncode == 1
    assert "publications/paper.ar.md:3: نوع الإصدار 'position paper' غير معروف" in arabic.stderr
    assert "طريقة الإصلاح: هل تقصدون 'position-paper'؟" in arabic.stderr
    assert "unknown publication type" not in arabic.stderr
    assert arabic.stderr.startswith("توقّف البناء: مشكلة واحدة يجب إصلاحها.\n")  # ours is the only message
    english = build_by_invoke(tiny, "--messages", "en")
    assert "publications/paper.ar.md:3: unknown publication type 'position paper'" in english.stderr
    assert "how to fix: did you mean 'position-paper'?" in english.stderr
    assert "نوع الإصدار" not in english.stderr
    # A person's own choice, for every command they run: SITE_MESSAGES in their shell
    assert "unknown publication type" in build_by_invoke(tiny, environment={"SITE_MESSAGES": "en"}).stderr


def test_a_message_shared_by_two_packages_reads_the_same_in_both():
    """The catalogs are merged into one (the first package's translation of a msgid wins): two packages
    that use the same English must agree on its Arabic, or one of them would be shown the other's."""
    seen, disagreements = {}, []
    for package in SPEAKERS:
        po = package / "messages.ar.po"
        if not po.exists():
            continue
        for message in read_catalog(po):
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else tuple(message.id)
            first = seen.setdefault(key, (package.name, message.string))
            if first[1] != message.string:
                disagreements.append(f"{key!r}: {first[0]} says {first[1]!r}, {package.name} says {message.string!r}")
    assert not disagreements, "\n".join(disagreements)
