"""Where a {filename}/{static}/{attach} link that Pelican could not resolve is written.

Pelican logs "Unable to find 'x.md', skipping url replacement." without naming the file
or line; the build driver hands those targets here to get a message in the usual format.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import ContentError

MISSING_HINT = ("the path starts from this file's folder: {filename}../news/other.en.md for an item, "
                "{static}../pdfs/report.ar.pdf for a PDF or image; check the folder, the name and the language code")
OTHER_LANGUAGE_HINT = ("each language is built on its own, so {filename} links only to items in the same language; "
                       "link to the other language's address instead, e.g. (/publications/annual-report-2022/)")


def unresolved_links(content_path, targets):
    """(ContentErrors naming file and line, targets not found in any Markdown file)."""
    targets = sorted(set(targets))
    if not targets:
        return [], []
    written = re.compile(r"\{(?:filename|static|attach)\}(" + "|".join(map(re.escape, targets)) + r")(?=[)\s\"'>]|$)")
    content_path = Path(content_path)
    errors, found = [], set()
    for path in sorted(content_path.rglob("*.md")):
        rel = path.relative_to(content_path).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            for match in written.finditer(line):
                link, target = match.group(0), match.group(1)
                linked = unquote(urlsplit(target).path)
                linked = content_path / linked.lstrip("/") if linked.startswith("/") else path.parent / linked
                if not linked.resolve().is_relative_to(content_path.resolve()):
                    errors.append(ContentError(rel, f"the link {link} leads outside the content folder", line=number,
                                               hint="link only to files in content/: a PDF in pdfs/, an image in "
                                                    "images/, an item by its Markdown file"))
                elif not linked.is_file():
                    errors.append(ContentError(rel, f"the link {link} leads to a file that does not exist",
                                               line=number, hint=MISSING_HINT))
                elif _language(linked) != _language(path):
                    errors.append(ContentError(rel, f"the link {link} leads to an item in another language",
                                               line=number, hint=OTHER_LANGUAGE_HINT))
                else:
                    continue  # the same words in another folder, where they do lead to a file
                found.add(target)
    return errors, [target for target in targets if target not in found]


def _language(path):
    """'ar' for 'report.ar.md'; None for anything that is not an item."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) == 3 and parts[-1] == "md" else None
