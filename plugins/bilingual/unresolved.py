"""Where a {filename}/{static}/{attach} link that Pelican could not resolve is written.

Pelican logs "Unable to find 'x.md', skipping url replacement." without naming the file
or line; the build driver hands those targets here to get a message in the usual format.
"""

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from messages import sentences, t

from .errors import ContentError
from .metadata import suggest

# ({{filename}}: how a template writes {filename}.)
MISSING_HINT = t("the path starts from this file's folder: {{filename}}../news/other.en.md for an item, "
                 "{{static}}../pdfs/report.ar.pdf for a PDF or image; check the folder, the name and the language code")
OTHER_LANGUAGE_HINT = t("each language is built on its own, so {{filename}} links only to items in the same language; "
                        "link to the other language's address instead, e.g. (/en/publications/annual-report-2022/) "
                        "for an English page, (/publications/annual-report-2022/) for an Arabic one")
OUTSIDE_HINT = t("link only to files in content/: a PDF in pdfs/, an image in images/, an item by its Markdown file")


def unresolved_links(content_path, targets):
    """(ContentErrors naming file and line, targets not found in any Markdown file)."""
    targets = sorted(set(targets))
    if not targets:
        return [], []
    written = re.compile(r"\{(?:filename|static|attach)\}(" + "|".join(map(re.escape, targets)) + r")(?=[)\s\"'>]|$)")
    content_path = Path(content_path)
    existing = ContentFiles(content_path)
    errors, found = [], set()
    for path in sorted(content_path.rglob("*.md")):
        rel = path.relative_to(content_path).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            for match in written.finditer(line):
                link, target = match.group(0), match.group(1)
                typed = unquote(urlsplit(target).path)
                linked = content_path / typed.lstrip("/") if typed.startswith("/") else path.parent / typed
                if not linked.resolve().is_relative_to(content_path.resolve()):
                    errors.append(ContentError(rel, t("the link {link} leads outside the content folder", link=link),
                                               line=number, hint=OUTSIDE_HINT))
                elif not linked.is_file():
                    errors.append(ContentError(rel, t("the link {link} leads to a file that does not exist", link=link),
                                               line=number, hint=sentences(existing.closest(typed, path), MISSING_HINT)))
                elif _language(linked) != _language(path):
                    errors.append(ContentError(rel, t("the link {link} leads to an item in another language", link=link),
                                               line=number, hint=OTHER_LANGUAGE_HINT))
                else:
                    continue  # the same words in another folder, where they do lead to a file
                found.add(target)
    return errors, [target for target in targets if target not in found]


class ContentFiles:
    """The files of the content folder, listed once and only if a link is missing."""

    def __init__(self, content_path):
        self.content_path = content_path
        self._files = None

    def files(self):
        if self._files is None:
            self._files = [p for p in sorted(self.content_path.rglob("*"))
                           if p.is_file() and not any(part.startswith(".") for part in p.parts[len(self.content_path.parts):])]
        return self._files

    def closest(self, typed, source):
        """'did you mean …?' with the existing file nearest to what was typed, written the way it was typed
        (from the content folder if it starts with /, otherwise from the linking file's folder); or None."""
        if typed.startswith("/"):
            written = {"/" + p.relative_to(self.content_path).as_posix(): p for p in self.files()}
        else:
            written = {Path(os.path.relpath(p, source.parent)).as_posix(): p for p in self.files()}
        return suggest(typed, written)


def _language(path):
    """'ar' for 'report.ar.md'; None for anything that is not an item."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) == 3 and parts[-1] == "md" else None
