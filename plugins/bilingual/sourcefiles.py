"""Checks on the content tree itself, before anything is read.

Each language's run reads only files named for it, so a file named for no known
language would be skipped silently; this pass makes it an error instead. With the
settings, every other file is checked too (safety.files: no links, only kinds and places
the site uses).
"""

from pathlib import Path

from messages import t
from safety.files import check_content_files

from .errors import ContentError
from .metadata import file_language


def check_source_tree(content_path, item_folders, languages, subsite_folders=(), settings=None):
    """Every Markdown file sits at <folder>/<slug>.<lang>.md with a known folder and language,
    or at <subsite folder>/<name>/<slug>.<lang>.md (campaigns: content/campaigns/<campaign>/)."""
    content_path = Path(content_path)
    problems = check_content_files(content_path, settings) if settings is not None else []
    refused = {problem.path for problem in problems}  # a link named x.md: one message, the link's
    for path in sorted(content_path.rglob("*.md")):
        rel = path.relative_to(content_path).as_posix()
        if rel in refused:
            continue
        parts = rel.split("/")
        nested = len(parts) == 3 and parts[0] in subsite_folders
        if not nested and (len(parts) != 2 or parts[0] not in item_folders):
            places = [*item_folders, *(f"{folder}/<name>" for folder in subsite_folders)]
            problems.append(ContentError(rel, t("a Markdown file outside the content folders"),
                                         hint=t("put it directly in one of: {folders}", folders=places)))
            continue
        try:
            file_language(rel, languages)
        except ContentError as error:
            problems.append(error)
    return problems
