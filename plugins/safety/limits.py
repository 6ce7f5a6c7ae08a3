"""Limits on what one file may ask of the build: size, invisible characters, nesting, time.

No single input may hang the build or take gigabytes: Python-Markdown recurses once per
level of list or quote (a list nested 3,000 deep took 12 minutes and 8 GB, then failed),
so nesting is measured on the source before it is converted, and the conversion itself
runs under a time limit as the last guard against a slow case nobody thought of.
"""

import contextlib
import re
import signal
import threading
import unicodedata

from bilingual.errors import ContentError
from bilingual.metadata import LINE_BREAK
from messages import t

MAX_MARKDOWN_BYTES = 2_000_000  # a long report is ~200 kB of Markdown; the PDF is where a book goes
MAX_NESTING = 24  # lists and quotes inside each other; readable content stops well before 10
CONVERT_SECONDS = 20  # one file's conversion; the slowest real item takes milliseconds
# Control characters have no place in text a person types: C0 (but tab, newline, carriage
# return), DEL, C1 (they come from text decoded with the wrong encoding), the Unicode line and
# paragraph separators (Markdown does not see them as line breaks, Python's splitlines does)
# and non-characters. Pasted from PDFs and word processors, they break dates and titles unseen.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# A line's block markers: quotes (>) and list bullets or numbers, each followed by a space.
MARKERS = re.compile(r"[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))")


class TooSlow(Exception):
    pass


def line_at(text, position):
    """The 1-based line of `position`, counting line breaks as Markdown does (\\n, \\r\\n or \\r)."""
    return len(LINE_BREAK.split(text[:position]))


def check_control_characters(path, text):
    """Stop on the first control character, naming its line and which character it is."""
    match = CONTROL.search(text)
    if match:
        char = match.group()
        code = f"U+{ord(char):04X}"
        name = unicodedata.name(char, None) or {"\x00": "NULL", "\x0b": "LINE TABULATION", "\x0c": "FORM FEED"}.get(char)
        if name:  # Unicode's name of the character, a code that stays as it is
            message = t("this line contains an invisible character ({code}, {name})", code=code, name=name)
        else:
            message = t("this line contains an invisible character ({code}, a control character)", code=code)
        raise ContentError(path, message, line=line_at(text, match.start()),
                           hint=t("retype the line, or delete and re-add the space around the invisible character; "
                                  "such characters come from copying out of PDFs and word processors"))


def check_size(path, text, limit=MAX_MARKDOWN_BYTES):
    size = len(text.encode("utf-8"))
    if size > limit:
        raise ContentError(path, t("the file is {size} MB of text; a page may have at most {limit} MB",
                                   size=f"{size / 1e6:.1f}", limit=f"{limit / 1e6:.0f}"),
                           hint=t("split it into several items, or publish the long document as a PDF"))


def nesting_depth(line):
    """How deep a Markdown line nests: its indentation in steps of four, plus its leading markers."""
    indent = len(line) - len(line.lstrip(" \t"))
    columns = len(line[:indent].expandtabs(4))
    markers = 0
    position = 0
    while True:
        match = MARKERS.match(line, position)
        if not match:
            break
        markers += 1
        position = match.end()
    return columns // 4 + markers


def check_nesting(path, text, limit=MAX_NESTING):
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > limit and nesting_depth(line) > limit:  # a line shorter than the limit cannot nest past it
            raise ContentError(path, t("this line nests lists or quotes {depth} levels deep (at most {limit})",
                                       depth=nesting_depth(line), limit=limit), line=number,
                               hint=t("flatten the list: use headings or a new list instead of going deeper"))


def check_markdown_text(path, text):
    """Everything a Markdown file must pass before it is converted."""
    check_size(path, text)
    check_control_characters(path, text)
    check_nesting(path, text)


@contextlib.contextmanager
def time_limit(seconds):
    """Raise TooSlow in the block after `seconds` of wall time. Only the main thread can be
    interrupted (signals are delivered there); elsewhere the block runs unlimited."""
    if threading.current_thread() is not threading.main_thread() or signal.getitimer(signal.ITIMER_REAL)[0]:
        yield
        return

    def expire(signum, frame):
        raise TooSlow()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
