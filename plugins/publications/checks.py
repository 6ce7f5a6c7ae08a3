"""Checks on what makes an item a publication: its type, topics, authors, PDF and cover."""

import os

from bilingual.errors import ContentError
from bilingual.metadata import split_list, suggest
from messages import sentences, t

from .labels import TYPE_LABELS

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".svg")


# Metadata keys that name a file: how a person writes the key, and the folder such files go in.
FILE_KEYS = {"pdf": ("PDF", "pdfs"), "cover": ("Cover", "images")}


def check_file(path, header, key, content_path, static_paths, extensions):
    """A file named by a metadata line exists inside a static folder; returns (rel path, size)."""
    value, line = header[key]
    written, folder = FILE_KEYS[key]
    rel = value.strip().lstrip("/")
    if rel.split("/", 1)[0] not in static_paths:
        example = folder if folder in static_paths else static_paths[0]
        raise ContentError(path, t("'{key}: {value}' must name a file inside one of: {folders}",
                                   key=written, value=value, folders=list(static_paths)), line=line,
                           hint=t("e.g. '{key}: {folder}/…'", key=written, folder=example))
    if not rel.lower().endswith(extensions):
        raise ContentError(path, t("'{key}: {value}' must name a file ending in {endings}",
                                   key=written, value=value, endings=list(extensions)), line=line)
    full = os.path.join(content_path, rel)
    if not os.path.isfile(full):
        raise ContentError(path, t("'{key}:' names the file '{file}', which does not exist", key=written, file=rel),
                           line=line, hint=t("add the file to content/{file} or correct the path", file=rel))
    return rel, os.path.getsize(full)


def check_item(path, header, *, category, content_path, static_paths, topics, authors):
    """Check one item's content-type metadata; return what templates need, already validated."""
    found = {"type": None, "topics": [], "pdf": None, "cover": None}
    if category == "publications":
        if "type" not in header:
            raise ContentError(path, t("a publication needs a type"), line=1,
                               hint=t("add 'Type: …', one of: {types}", types=list(TYPE_LABELS)))
        if "summary" not in header:
            raise ContentError(path, t("a publication needs a summary"), line=1,
                               hint=t("add 'Summary: …', one or two sentences shown in listings"))
    if "type" in header:
        value, line = header["type"]
        if category != "publications":
            raise ContentError(path, t("'Type:' is only for publications"), line=line,
                               hint=t("move the file to content/publications/ or remove the line"))
        if value not in TYPE_LABELS:
            raise ContentError(path, t("unknown publication type '{value}'", value=value), line=line,
                               hint=sentences(suggest(value, TYPE_LABELS), t("types: {types}", types=list(TYPE_LABELS))))
        found["type"] = value
    if "topics" in header:
        value, line = header["topics"]
        for code in split_list(value):
            if code not in topics:
                raise topics.unknown(path, code, line, "topic")
            found["topics"].append(code)
    if "authors" in header or "author" in header:
        value, line = header.get("authors") or header["author"]
        for code in split_list(value):
            if code not in authors:
                raise authors.unknown(path, code, line, "author")
    if "pdf" in header:
        rel, size = check_file(path, header, "pdf", content_path, static_paths, (".pdf",))
        found["pdf"] = {"path": rel, "size": size}
    if "cover" in header:
        rel, _ = check_file(path, header, "cover", content_path, static_paths, IMAGE_EXTENSIONS)
        found["cover"] = rel
    return found
