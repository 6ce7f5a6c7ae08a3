"""Controlled vocabularies (topics, authors): a code and a label in every language.

Codes are shared by all languages, so /topics/privacy/ and /en/topics/privacy/ are the
same topic and the language switcher can lead from one to the other.
"""

import functools
import os

import yaml
from safety.yamltext import compose

from bilingual.errors import ContentError
from bilingual.metadata import SLUG, suggest
from messages import sentences, t

OPTIONAL_KEYS = {"kind": ("person", "organization")}


class Vocabulary:
    def __init__(self, rel_path, entries, languages=(), present=True, own=None):
        self.rel_path = rel_path
        self.entries = entries  # code → {lang: label, ...}
        self.languages = tuple(languages)
        self.present = present  # False: the content folder has no such file (a Pelican folder from elsewhere)
        self.own = own  # then, the repository's own file to start from (as a person would type its path), if any

    def __contains__(self, code):
        return code in self.entries

    def label(self, code, lang):
        return self.entries[code][lang]

    def get(self, code, key, default=None):
        return self.entries[code].get(key, default)

    def missing(self, path, code, line, what):
        """The error for a code when the content folder has no vocabulary file at all: which file to add."""
        if what == "topic":
            message = t("unknown topic '{code}': the content folder has no {file}", code=code, file=self.rel_path)
        elif what == "author":
            message = t("unknown author '{code}': the content folder has no {file}", code=code, file=self.rel_path)
        else:  # the settings' AUTHOR, which every item without an Authors line has
            message = t("the default author '{code}' (AUTHOR in the settings) needs {file}, which the content "
                        "folder does not have", code=code, file=self.rel_path)
        example = [f"{lang}: …" for lang in self.languages]
        if self.own:
            hint = t("add {file} to the content folder, with every code the items use and its name in each language: "
                     "'{code}:' on a line of its own and under it, indented, {example}; the repository's own list, "
                     "{own}, can be copied as a start", file=self.rel_path, code=code, example=example, own=self.own)
        else:
            hint = t("add {file} to the content folder, with every code the items use and its name in each language: "
                     "'{code}:' on a line of its own and under it, indented, {example}", file=self.rel_path,
                     code=code, example=example)
        return ContentError(path, message, line=line, hint=hint)

    def unknown(self, path, code, line, what):
        """The error for a code this vocabulary lacks; `what` is "topic" or "author" (each its own sentence)."""
        if not self.present:
            return self.missing(path, code, line, what)
        if what == "topic":
            message = t("unknown topic '{code}'", code=code)
            listed = t("the topics are listed in {file}", file=self.rel_path)
        else:
            message = t("unknown author '{code}'", code=code)
            listed = t("the authors are listed in {file}", file=self.rel_path)
        return ContentError(path, message, line=line, hint=sentences(suggest(code, self.entries), listed))


def parse_vocabulary(text, rel_path, languages):
    """Parse and check a vocabulary file; every problem names the file and line."""
    node = compose(text, rel_path)  # malformed, too deep or with aliases: an error naming the line
    if node is None:
        return Vocabulary(rel_path, {}, languages)
    if not isinstance(node, yaml.MappingNode):
        raise ContentError(rel_path, t("expected a mapping of code → labels"), line=node.start_mark.line + 1)
    entries = {}
    one_line_each = t("write one indented line per language under it: {example}",
                      example=[f"{lang}: …" for lang in languages])
    for key_node, value_node in node.value:
        code, line = key_node.value, key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise ContentError(rel_path, t("a code must be a single word, not a list or mapping"), line=line,
                               hint=t("codes are lower-case latin letters, digits and hyphens, each followed by ':'"))
        if not SLUG.match(code):
            raise ContentError(rel_path, t("'{code}' is not a valid code", code=code), line=line,
                               hint=t("codes are lower-case latin letters, digits and hyphens"))
        if code in entries:
            raise ContentError(rel_path, t("'{code}' is defined twice", code=code), line=line,
                               hint=t("each code appears once: remove one, or rename it"))
        if not isinstance(value_node, yaml.MappingNode):
            raise ContentError(rel_path, t("'{code}' needs a label per language", code=code), line=line,
                               hint=one_line_each)
        if not all(isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode) for k, v in value_node.value):
            raise ContentError(rel_path, t("'{code}' needs one plain label per language", code=code), line=line,
                               hint=one_line_each)
        labels = {k.value: (v.value, k.start_mark.line + 1) for k, v in value_node.value}
        for key, (value, at) in labels.items():
            if key not in languages and key not in OPTIONAL_KEYS:
                raise ContentError(rel_path, t("'{key}' is neither a language nor a known key", key=key), line=at,
                                   hint=t("languages: {languages}; other keys: {keys}",
                                          languages=list(languages), keys=list(OPTIONAL_KEYS)))
            if key in OPTIONAL_KEYS and value not in OPTIONAL_KEYS[key]:
                raise ContentError(rel_path, t("{key} must be one of {choices}", key=key,
                                               choices=list(OPTIONAL_KEYS[key])), line=at)
        missing = [lang for lang in languages if not labels.get(lang, ("", 0))[0]]
        if missing:
            raise ContentError(rel_path, t("'{code}' has no label in {languages}", code=code, languages=missing),
                               line=line, hint=t("add an indented line '{lang}: …' under it, with the name in that "
                                                 "language", lang=missing[0]))
        entries[code] = {key: value for key, (value, _) in labels.items()}
    return Vocabulary(rel_path, entries, languages)


@functools.lru_cache(maxsize=32)
def _load(path, mtime_ns, rel_path, languages):
    with open(path, encoding="utf-8") as handle:
        return parse_vocabulary(handle.read(), rel_path, languages)


def load_vocabulary(content_path, rel_path, languages, own=None):
    """The vocabulary at content_path/rel_path (cached until the file changes).

    Absent, it is empty and says so (`present`): a code then asks for the file, naming it. It does not
    fall back to the repository's own list (`own`: its path, offered in the hint as a start if it exists) —
    see "A content folder from elsewhere" in the maintainer's guide.
    """
    path = os.path.join(content_path, rel_path)
    if not os.path.exists(path):
        offer = None
        if own is not None and os.path.isfile(own):
            offer = os.path.relpath(own)
            offer = (offer if not offer.startswith("..") else os.path.abspath(own)).replace(os.sep, "/")
        return Vocabulary(rel_path, {}, languages, present=False, own=offer)
    return _load(path, os.stat(path).st_mtime_ns, rel_path, tuple(languages))
