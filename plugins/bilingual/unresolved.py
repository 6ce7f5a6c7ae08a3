"""Where a {filename}/{static}/{attach} link that Pelican could not resolve is written.

Pelican logs "Unable to find 'x.md', skipping url replacement." without naming the file
or line; the build driver hands those targets here to get a message in the usual format.
"""

import difflib
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from messages import sentences, t

from .errors import ContentError

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
    existing = ContentFiles(content_path)  # for 'did you mean', listed only if a link is missing
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
        """{path from the content folder: file}, hidden files left out (the build never publishes them)."""
        if self._files is None:
            found = (p.relative_to(self.content_path) for p in sorted(self.content_path.rglob("*")) if p.is_file())
            self._files = {rel.as_posix(): rel for rel in found if not any(part.startswith(".") for part in rel.parts)}
        return self._files

    def closest(self, typed, source):
        """'did you mean …?' with the existing file nearest to the one `typed` in `source` names, or None.

        Files are compared by their path from the content folder; the suggestion is written as the
        link was (from the content folder if it starts with /, otherwise from the linking file's folder,
        keeping the ../ the person typed when the file is in the folder they named).
        """
        base = Path("/") if typed.startswith("/") else source.parent.relative_to(self.content_path)
        meant = os.path.normpath((base / typed.lstrip("/")).as_posix()).lstrip("/")
        close = difflib.get_close_matches(meant, list(self.files()), n=1, cutoff=0.6)
        if not close:
            return None
        found = self.files()[close[0]]
        if found.parent.as_posix() == os.path.dirname(meant) or (found.parent == Path(".") and not os.path.dirname(meant)):
            written = typed[:len(typed) - len(os.path.basename(typed))] + found.name  # only the name was wrong
        elif typed.startswith("/"):
            written = "/" + close[0]
        else:
            written = Path(os.path.relpath(found, base)).as_posix()
        return t("did you mean '{choice}'?", choice=written)


def _language(path):
    """'ar' for 'report.ar.md'; None for anything that is not an item."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) == 3 and parts[-1] == "md" else None
