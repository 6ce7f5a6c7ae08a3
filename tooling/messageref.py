"""docs/messages.<lang>.md: every message the build and the tasks print, and what to do — from the catalogs.

`invoke messages` writes them after updating the catalogs, and a test checks they are current, so the
reference cannot drift from the code. The messages are found in the source with `ast`, as Babel finds
them (calls of `t` and `tn`); what each is shown as comes from the catalogs (`messages.render`):

- a message is the first t()/tn() handed to a call (ContentError(path, t(…), hint=t(…)), print(t(…)) …);
  the other t()s of the same call (its hint, or the parts of a `sentences(…)`) are how to fix it;
- a t() used elsewhere (a value inside another message, a word a template fills in) is listed at the
  end of its package's section, so every entry of every catalog is in the reference.

Each message has an anchor (`messages.anchor`: from its English template, the same in every language);
the preview's error panel links to it.
"""

import ast
import string
from dataclasses import dataclass, field
from pathlib import Path

from messages import LANGUAGES, anchor, render, t, translations
from messages.catalogs import speakers

ROOT = Path(__file__).resolve().parent.parent
TEXT_CALLS = {"t", "tn"}
NOT_A_MESSAGE = {"sentences", "render"}  # calls that join or show texts, rather than say something with them
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}
DEVELOPERS_ONLY = {"lighthouse.py", "weight.py"}  # developers' tools: English only
NOT_LISTED = DEVELOPERS_ONLY | {"messageref.py"}  # this file's own words are the page's headings
# Sections in the order a person meets them; a package not listed comes after, under its name.
SECTIONS = {
    "bilingual": t("Languages, metadata lines and settings"),
    "publications": t("Publications: type, topics, authors, PDF and cover"),
    "safety": t("What the site refuses: HTML, files, sizes"),
    "images": t("Images"),
    "charts": t("Charts and datasets"),
    "campaigns": t("Campaigns"),
    "sitecheck": t("Checks on the finished site: links, summaries, translations"),
    "privacy": t("The mailing list and the security headers"),
    "search": t("Search"),
    "drawing": t("Pictures: share cards and chart images"),
    "deploy": t("Publishing: invoke publish"),
    "tooling": t("The commands: invoke build, check, new, publish, serve"),
}


@dataclass
class Entry:
    message: object  # a Text made from the template (its values shown as …)
    hints: list = field(default_factory=list)


def placeholder_text(node):
    """What a t()/tn() call node shows in the reference: its template, each field as '…'."""
    plural = node.args[1].value if node.func.id == "tn" else None
    return _Template(node.args[0].value, plural)


class _Template:
    """A message as the reference shows it: translated, its fields left as '…'."""

    def __init__(self, template, plural):
        self.template, self.plural = template, plural

    def render(self, lang):
        catalog = translations(lang)
        pattern = catalog.gettext(self.template) if self.plural is None else catalog.ngettext(
            self.template, self.plural, 5)
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name}
        return pattern.format(**{name: "…" for name in names})

    @property
    def anchor(self):
        return anchor(t(self.template))


def is_text_call(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in TEXT_CALLS \
        and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)


def texts_within(node):
    """The t()/tn() calls a value is made of: itself, or the parts of sentences(…)/x or y."""
    if is_text_call(node):
        return [node]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "sentences":
        return [found for part in node.args for found in texts_within(part)]
    if isinstance(node, ast.BoolOp):
        return [found for part in node.values for found in texts_within(part)]
    return []


def entries_of(path):
    """(entries with hints, loose texts) of one source file, in the order they are written."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    entries, attached = [], set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or is_text_call(node) or getattr(node.func, "id", None) in NOT_A_MESSAGE:
            continue
        handed = [node_ for value in [*node.args, *(kw.value for kw in node.keywords)] for node_ in texts_within(value)]
        direct = [arg for arg in node.args if is_text_call(arg)]
        if not direct:
            continue
        message = direct[0]
        entries.append((message.lineno, Entry(placeholder_text(message),
                                              [placeholder_text(h) for h in handed if h is not message])))
        attached.update(id(h) for h in handed)
    loose = sorted(((n.lineno, placeholder_text(n)) for n in ast.walk(tree) if is_text_call(n) and id(n) not in attached),
                   key=lambda pair: pair[0])
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0])], [text for _, text in loose]


def package_files(package):
    files = [path for path in sorted(package.rglob("*.py")) if path.name not in NOT_LISTED]
    return files + ([ROOT / "tasks.py"] if package.name == "tooling" else [])


def packages():
    found = [package for package in speakers() if (package / "messages.ar.po").exists()]
    order = list(SECTIONS)
    return sorted(found, key=lambda p: (order.index(p.name) if p.name in order else len(order), p.name))


def sections():
    """[(package, entries, other texts)]: each message once, in the package where it first appears, with
    every hint any of its uses gives; each other text once, unless it is also a message or a hint."""
    messages, result = {}, []
    for package in packages():
        own, loose_all = [], []
        for path in package_files(package):
            entries, loose = entries_of(path)
            loose_all += loose
            for entry in entries:
                first = messages.setdefault(entry.message.template, entry)
                if first is entry:
                    own.append(entry)
                known = {hint.template for hint in first.hints} | {entry.message.template}
                first.hints += [hint for hint in entry.hints if hint.template not in known]
                first.hints = list({hint.template: hint for hint in first.hints}.values())
        result.append((package, own, loose_all))
    shown = set(messages) | {hint.template for entry in messages.values() for hint in entry.hints}
    for index, (package, own, loose_all) in enumerate(result):
        rest = []
        for text in loose_all:
            if text.template not in shown:
                shown.add(text.template)
                rest.append(text)
        result[index] = (package, own, rest)
    return result


def listed_templates():
    """Every template the reference shows (messages, their hints, the other texts)."""
    return {text.template for _, entries, rest in sections()
            for text in [*(part for entry in entries for part in (entry.message, *entry.hints)), *rest]}


def code(text):
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def reference(lang, found=None):
    """The reference page in `lang`, as Markdown (`found`: sections(), if already read)."""
    other = [code_ for code_ in LANGUAGES if code_ != lang]
    lines = [
        "# " + render(t("Build messages, and what to do"), lang), "",
        "*" + render(t("Generated by `invoke messages` from the message catalogs: do not edit by hand."), lang) + " "
        + " · ".join(f"[{LANGUAGE_NAMES.get(code_, code_)}](messages.{code_}.md)" for code_ in other) + "*", "",
        render(t("Each message starts with the file and line it is about. In a message, … stands for what the build "
                 "fills in: a file name, a value you wrote, a list of choices."), lang), "",
    ]
    for package, entries, rest in found or sections():
        title = SECTIONS.get(package.name)
        lines += [f"## {render(title, lang) if title else package.name} ({code(package.relative_to(ROOT).as_posix())})", ""]
        for entry in entries:
            lines.append(f'<a id="{entry.message.anchor}"></a>')
            lines.append("- " + code(entry.message.render(lang)))
            for hint in entry.hints:
                lines.append("  — " + render(t("how to fix: {hint}", hint=hint.render(lang)), lang))
            lines.append("")
        if rest:
            lines += [render(t("Also shown, inside other messages or on the site's report pages:"), lang), ""]
            lines += ["- " + code(text.render(lang)) for text in rest]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def write_references(docs=ROOT / "docs"):
    translations.cache_clear()  # the catalogs were just updated
    written, found = [], sections()  # the source read once, for every language
    for lang in LANGUAGES:
        target = docs / f"messages.{lang}.md"
        target.write_text(reference(lang, found), encoding="utf-8")
        written.append(target)
    return written
