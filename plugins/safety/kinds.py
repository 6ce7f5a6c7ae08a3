"""What a file is, by its first bytes, against what its name says it is.

The web server picks the Content-Type from the name; the browser, told `nosniff`, believes it.
So a file whose bytes are not its name's kind (an HTML page named x.pdf, a script named
x.png) is refused before anything is built: it could only be a mistake or a disguise.
SVG is text and is checked whole, by svg.py.
"""

import os

from bilingual.errors import ContentError
from messages import t

# File ending → kind. Only kinds the site serves from content; a new one needs its check here.
EXTENSIONS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".gif": "gif",
              ".svg": "svg"}
NAMES = {"pdf": t("a PDF"), "jpeg": t("a JPEG image"), "png": t("a PNG image"), "webp": t("a WebP image"),
         "gif": t("a GIF image"), "svg": t("an SVG drawing")}
HEAD = 16  # bytes read to tell a kind


def endings(kinds):
    """'.pdf' or '.jpg .jpeg .png …': the file endings of some kinds, for messages."""
    return " ".join(ending for ending, kind in EXTENSIONS.items() if kind in kinds)


def kind_of_name(name):
    """The kind a file name announces, or None."""
    return EXTENSIONS.get(os.path.splitext(name)[1].lower())


def sniff(head):
    """The kind the first bytes show ('svg' is left to svg.py), 'text' for something that reads as
    text (HTML, a script…), or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not only a character cut at the end of the sample
            return None
    return "text" if head.strip() else None


def mismatch(path, rel, expected):
    """None if the file's first bytes are those of `expected`; else a ContentError naming rel."""
    found = sniff(read(path, HEAD))
    if found == expected:
        return None
    if found in NAMES:
        return ContentError(rel, t("the name says {expected}, but the file is {found}",
                                   expected=NAMES[expected], found=NAMES[found]),
                            hint=t("save it again as {expected}, or give it the ending of what it is ({endings})",
                                   expected=NAMES[expected], endings=endings([found])))
    if found == "text":
        message = t("the name says {expected}, but its content is text (HTML, a script or similar)",
                    expected=NAMES[expected])
    else:
        message = t("the name says {expected}, but its content is not one the site knows", expected=NAMES[expected])
    return ContentError(rel, message, hint=t("replace it with the real file, exported again as {expected}",
                                             expected=NAMES[expected]))


def read(path, size=-1):
    """The file's first `size` bytes (all with -1), never through a symbolic link: the tree walk has
    refused links already; O_NOFOLLOW makes sure a file swapped for one since is not followed either."""
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NOFOLLOW)) as handle:
        return handle.read(size)
