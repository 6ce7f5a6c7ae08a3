"""The file staff edit to say where each WordPress category and tag goes.

    defaults:
      post: news          # a post none of whose categories has a folder
    categories:
      "reports":          # Reports — 12 items
        folder: publications
        type: report
        topic: legislation
    tags:
      "privacy":          # Privacy — 5 items
        topic: privacy

The first import writes it with every category and tag it found, their names and counts, and
empty values: an empty value is the default, listed in the report. Read back with line numbers.
"""

import json

from bilingual.errors import ContentError
from charts.yamlfile import load_nodes
from messages import t
from publications.labels import TYPE_LABELS

FOLDERS = ("publications", "news")  # where a post may go; pages stay pages
HEADER = """\
# Where `invoke import wordpress` puts each WordPress category and tag (docs/maintainers.en.md, "Migration").
# A category: folder (publications or news), type (for publications: {types}),
# topic (a code of data/topics.yaml). A tag: topic. An empty value is the default the report lists.
"""


class Mapping:
    def __init__(self, default_folder="news", categories=None, tags=None):
        self.default_folder = default_folder
        self.categories = categories or {}  # nicename → {"folder", "type", "topic"} (None: not mapped)
        self.tags = tags or {}  # nicename → {"topic"}


def read_mapping(path, topics):
    """The Mapping in `path` (a ContentError naming the line for a mistake); `topics`: the site's topic codes."""
    root = load_nodes(path.read_text(encoding="utf-8"), path)
    mapping = Mapping()
    if root is None:
        return mapping
    for key, line, node in root.items():
        if key == "defaults":
            for name, name_line, value in node.items():
                if name != "post":
                    raise ContentError(path, t("unknown default '{name}'", name=name), line=name_line,
                                       hint=t("the one default is 'post:' (the folder of a post with no mapped category)"))
                mapping.default_folder = _folder(path, value)
        elif key in ("categories", "tags"):
            if not node.is_mapping and node.value() is None:
                continue
            for name, _, value in node.items():
                getattr(mapping, key)[name] = _entry(path, value, topics, key == "tags")
        else:
            raise ContentError(path, t("unknown section '{name}'", name=key), line=line,
                               hint=t("the sections are defaults, categories and tags"))
    return mapping


def _folder(path, node):
    value = node.value()
    if value not in FOLDERS:
        raise ContentError(path, t("unknown folder '{value}'", value=value), line=node.line,
                           hint=t("a post goes to one of: {folders}", folders=", ".join(FOLDERS)))
    return value


def _entry(path, node, topics, tag):
    entry = {"folder": None, "type": None, "topic": None}
    if not node.is_mapping:
        if node.value() is None:
            return entry
        raise node.error(t("expected folder:, type: or topic: lines under the name"))
    for key, line, value in node.items():
        if key not in entry or (tag and key != "topic"):
            raise ContentError(path, t("unknown key '{key}'", key=key), line=line,
                               hint=t("a tag takes topic:; a category folder:, type: and topic:"))
        if value.value() is None:
            continue
        if key == "folder":
            entry["folder"] = _folder(path, value)
        elif key == "type":
            if value.value() not in TYPE_LABELS:
                raise value.error(t("unknown publication type '{value}'", value=value.value()),
                                  hint=t("the types are: {types}", types=", ".join(TYPE_LABELS)))
            entry["type"] = value.value()
        elif str(value.value()) not in topics:
            raise value.error(t("unknown topic '{value}'", value=value.value()),
                              hint=t("add it to data/topics.yaml with its name in every language, or use one of: {topics}",
                                     topics=", ".join(sorted(topics))))
        else:
            entry["topic"] = str(value.value())
    if entry["type"] and entry["folder"] != "publications":
        raise node.error(t("a type is given but the folder is not publications"),
                         hint=t("write 'folder: publications' too, or remove the type"))
    return entry


def write_mapping(path, found):
    """A first mapping file: every category and tag found, `found` = {"categories"|"tags": {nicename: (label, count)}}."""
    lines = [HEADER.format(types=", ".join(TYPE_LABELS)), "defaults:", "  post: news", ""]
    for section, keys in (("categories", ("folder", "type", "topic")), ("tags", ("topic",))):
        lines.append(f"{section}:" + ("" if found[section] else " {}"))
        for nicename, (label, count) in sorted(found[section].items()):
            label = " ".join(label.split())
            lines.append(f"  {json.dumps(nicename, ensure_ascii=False)}:  # {label} — {count}")
            lines.extend(f"    {key}:" for key in keys)
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
