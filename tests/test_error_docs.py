"""Every message the build can stop (or warn) with is explained in both authoring guides.

The messages are read from the plugins' source with `ast`, not imported: whatever string
or f-string is handed as the message to ContentError, DirectiveError, a settings-error
helper, a YAML node's or row checker's `.error(…)`, or any `raise SomethingError("…")`.
Each becomes a pattern — its constant text, with a gap (matching anything) where an
f-string has a placeholder — that must match a code span (`…`) in docs/authoring.en.md
and docs/authoring.ar.md, where the message is written as printed with … for the gaps.
"""

import ast
import re
from dataclasses import dataclass

from conftest import ROOT

PLUGINS = ROOT / "plugins"
GUIDES = [ROOT / "docs" / "authoring.en.md", ROOT / "docs" / "authoring.ar.md"]

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

# Messages that a person editing content or settings cannot cause: programming errors.
NOT_FOR_STAFF = {
    # SiteIndex.neutral(): the build handed the index a URL of the wrong language — a bug.
    "{} is not a {} URL",
}

# Messages put together where no error is raised, so the source scan cannot see them whole.
OTHER_MESSAGES = {
    "Unable to find '{}', skipping url replacement.": "Pelican, kept by bilingual/build.py when the link is in no Markdown file",
    "{filename} used for linking to static content {} in {}. Use {static} instead": "Pelican (a warning)",
    "Could not process {}": "Pelican, when a reader fails for a reason our checks do not know",
    "the link {} leads to a page or file that does not exist": "plugins/sitecheck/links.py (LinkChecker.why)",
    "the link {} points to #{}, which is not on that page": "plugins/sitecheck/links.py (LinkChecker.why)",
}


@dataclass(frozen=True)
class Message:
    template: str  # the message with {} for every f-string placeholder
    where: str  # plugins/…/file.py:line

    @property
    def pattern(self):
        """The constant parts in order, anything (but a backtick) in the gaps."""
        return re.compile(r"[^`]*?".join(re.escape(part) for part in self.template.split("{}")))


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


def collect_messages():
    """Every message template in plugins/, with where it is written."""
    messages = []
    for path in sorted(PLUGINS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for call, node in raised_calls(tree):
            template = text_of(node)
            # A message passed on from another error (error.message), or only punctuation around
            # one (f"{name}: '{text}': {error.message}"), has nothing of its own to document.
            if template is None or not re.search(r"[A-Za-z]", template.replace("{}", "")):
                continue
            messages.append(Message(template, f"{path.relative_to(ROOT).as_posix()}:{call.lineno}"))
    return messages


def code_spans(path):
    return re.findall(r"`([^`\n]+)`", path.read_text(encoding="utf-8"))


def undocumented(messages, guide):
    spans = code_spans(guide)
    return [m for m in messages if not any(m.pattern.search(span) for span in spans)]


def test_the_collector_finds_the_messages():
    """A guard for the test itself: if the parsing broke, every guide would pass vacuously."""
    templates = {m.template for m in collect_messages()}
    assert len(templates) > 100
    assert "the item has no title" in templates  # a plain string
    assert "unknown publication type '{}'" in templates  # an f-string
    assert "the image {} would be loaded from another site on every visit" in templates  # the sanitiser's finder
    assert "has no 'id'" in templates  # a settings error through MAILING_LIST's problem()
    assert "the count {} is negative" in templates  # RowChecker.error(line, message)
    assert "expected a mapping (key: value lines)" in templates  # Node.error(message)
    assert "the image {} has no description" in templates  # sitecheck's warning, through .replace()


def test_every_message_is_in_both_authoring_guides():
    messages = [m for m in collect_messages() if m.template not in NOT_FOR_STAFF]
    messages += [Message(text, where) for text, where in OTHER_MESSAGES.items()]
    missing = {guide.name: undocumented(messages, guide) for guide in GUIDES}
    report = [f"{name}: {m.where}: `{m.template}`" for name, found in missing.items() for m in found]
    assert not report, (
        "These build messages are not explained in the authoring guide (section 12, 'Every message, and what "
        "to do'); add a row with the message in a code span, … for each {}:\n  " + "\n  ".join(report))


def test_the_allow_list_is_still_needed():
    """An entry for a message that no longer exists would hide a new one with the same text."""
    templates = {m.template for m in collect_messages()}
    assert NOT_FOR_STAFF <= templates, NOT_FOR_STAFF - templates


def test_every_family_of_refused_html_is_in_both_authoring_guides():
    """The sanitiser's errors end in one of a few phrases (safety/html.py FAMILIES), after the element."""
    from safety.html import FAMILIES

    for guide in GUIDES:
        spans = " ".join(code_spans(guide))
        missing = [what for what, _ in FAMILIES.values() if what not in spans]
        assert not missing, f"{guide.name} lacks a row for: {missing}"
