"""Read a YAML file as nodes that remember their line, so every check can name it.

Only PyYAML's safe loader is used: tags that would build Python objects are rejected.
libyaml's parser (CSafeLoader) is used when PyYAML has it: ten times faster, same marks.
Nesting depth, aliases and size are limited before nodes are built (safety/yamltext.py).
"""

import yaml
from safety.yamltext import compose

from bilingual.errors import ContentError
from messages import t

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"


class Node:
    """A YAML value with its line (1-based) and the file it came from."""

    def __init__(self, raw, path, constructor):
        self.raw = raw
        self.path = path
        self.constructor = constructor  # one safe constructor per file, shared by its nodes
        self.line = raw.start_mark.line + 1

    def error(self, message, hint=None):
        return ContentError(self.path, message, line=self.line, hint=hint)

    def incremental_key(self):
        """How a rebuild tells this value (incremental.digest): its file, its line and what it holds (not every
        YAML file's bytes are in the hash of the environment pages are rendered in: a campaign's are not)."""
        return f"{self.path}:{self.line}:{_written(self.raw)}"

    @property
    def is_mapping(self):
        return isinstance(self.raw, yaml.MappingNode)

    @property
    def is_list(self):
        return isinstance(self.raw, yaml.SequenceNode)

    def items(self):
        """(key, key line, value Node) for a mapping; a repeated key is an error."""
        if not self.is_mapping:
            raise self.error(t("expected a mapping (key: value lines)"))
        seen = set()
        for key_node, value_node in self.raw.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError(self.path, t("a name before ':' must be a single word or value, not a list or mapping"),
                                   line=key_node.start_mark.line + 1, hint=t("check the indentation and the '?' or '-' here"))
            key = key_node.value if key_node.tag == STR_TAG else self._construct(key_node)
            if key in seen:
                raise ContentError(self.path, t("'{key}' appears twice", key=key), line=key_node.start_mark.line + 1,
                                   hint=t("a name can appear once at this level: remove one, or merge the two"))
            seen.add(key)
            yield str(key), key_node.start_mark.line + 1, Node(value_node, self.path, self.constructor)

    def mapping(self):
        return {key: value for key, _, value in self.items()}

    def list(self):
        if not self.is_list:
            raise self.error(t("expected a list (lines starting with '- ')"))
        return [Node(item, self.path, self.constructor) for item in self.raw.value]

    def value(self):
        """The plain Python value of a scalar (str, int, float, bool, date or None)."""
        if not isinstance(self.raw, yaml.ScalarNode):
            raise self.error(t("expected a single value here, not a list or mapping"))
        # Fast paths for the two kinds of value a dataset is made of (codes and counts);
        # everything else goes through the safe constructor.
        if self.raw.tag == STR_TAG:
            return self.raw.value
        if self.raw.tag == INT_TAG and self.raw.value.isdigit():
            return int(self.raw.value)
        return self._construct(self.raw)

    def _construct(self, node):
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date like 2022-02-30, an '!!int' of letters
            # The problem is PyYAML's own words (English): shown as they are, inside a translated sentence.
            raise ContentError(self.path, t("unreadable value: {problem}", problem=getattr(exc, "problem", None) or exc),
                               line=node.start_mark.line + 1,
                               hint=t("correct the value, or put it in quotes if it is meant as text")) from None


def load_nodes(text, path):
    """The document's root Node, or None for an empty file; malformed YAML (or too deep, or with
    aliases: safety/yamltext.py) names the line."""
    root = compose(text, path)
    return Node(root, path, yaml.SafeLoader("")) if root is not None else None


def _written(raw):
    """A YAML node's tags and values, all the way down, as text."""
    if isinstance(raw, yaml.MappingNode):
        return "{" + ",".join(f"{_written(key)}:{_written(value)}" for key, value in raw.value) + "}"
    if isinstance(raw, yaml.SequenceNode):
        return "[" + ",".join(_written(item) for item in raw.value) + "]"
    return f"{raw.tag}={raw.value!r}"
