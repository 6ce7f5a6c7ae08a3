"""Run the settings file as Pelican will, but turn its mistakes into `file:line: what` and a fix.

Pelican executes pelicanconf.py (or publishconf.py, which star-imports it) and lets any
exception through: a missing bracket or a misspelt name ends the build in a Python
traceback. We compile every file of the settings first (the file and those it
star-imports, as `settingsfile.locate` follows them), then run it the way Pelican's
`load_source` does, and name the line Python stopped on. Plain module: no Pelican import.
"""

import ast
import builtins
import importlib.util
import sys
from pathlib import Path

from messages import sentences, t

from .errors import ContentError
from .metadata import suggest
from .settingsfile import star_imports

# The start of Python's message → what it means, in words for someone who does not write Python.
# ({ and } are the brackets themselves: the hints are templates, so they are written doubled.)
SYNTAX_HINTS = (
    ("was never closed", t("a bracket opened on this line is never closed: add the missing ), ] or }} where "
                           "the value ends (it may be several lines further down)")),
    ("unterminated", t("a text in quotes is not closed: end it with the same quote mark it starts with")),
    ("unmatched", t("this closing bracket has no opening one: remove it, or add the bracket that opens it")),
    ("closing parenthesis", t("brackets are mixed up: close ( with ), [ with ] and {{ with }}")),
    ("Perhaps you forgot a comma", t("items of a list or dict are separated by commas: add the missing comma")),
    ("invalid character", t("this line has a character Python does not accept, often curly quotes “ ” from a "
                            "word processor: type straight quotes \" or ' instead")),
    ("unexpected indent", t("a setting starts at the very beginning of its line: remove the spaces or tab "
                            "before it")),
    ("unindent", t("the lines of one value are indented differently: indent them with the same spaces")),
    ("null bytes", t("the file contains an invisible NUL character: retype the line, or save the file again "
                     "as text")),
)
SYNTAX_HINT = t("every setting is NAME = value, with texts in quotes, lists in [ ] and dicts in {{ }}: "
                "compare this line with the settings around it")
IMPORT_HINT = t("a settings file may import Python's own modules and the settings file beside it "
                "(publishconf.py imports pelicanconf.py); run the build from the repository's folder")
RUN_HINT = t("the value on this line cannot be computed: compare it with the settings around it")


def settings_files(settings_file):
    """The settings file and every file it star-imports, each checked to be valid Python."""
    first = Path(settings_file)
    if not first.is_file():
        raise ContentError(first.name, t("there is no settings file {file}", file=first),
                           hint=t("run the build from the repository's folder, where pelicanconf.py is"))
    files, queue = [], [first]
    while queue:
        path = queue.pop(0)
        if path in files or not path.is_file():
            continue
        files.append(path)
        text = _text(path)
        try:
            compile(text, str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as error:  # ValueError: a NUL character, on Python 3.11
            raise syntax_error(path, text, error) from None
        queue.extend(star_imports(ast.parse(text), path.parent))
    return files


def _text(path):
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(path.name, t("this line is not UTF-8 text"), line=raw[:error.start].count(b"\n") + 1,
                           hint=t("save the file with the UTF-8 encoding (every editor can)")) from None


def syntax_error(path, text, error):
    """A ContentError for a SyntaxError (or NUL ValueError) in path, at the line Python names."""
    words = getattr(error, "msg", None) or str(error)
    line = getattr(error, "lineno", None)
    if line is None and "\0" in text:
        line = text[:text.index("\0")].count("\n") + 1
    hint = next((plain for start, plain in SYNTAX_HINTS if start in words), SYNTAX_HINT)
    return ContentError(Path(path).name, t("this line is not valid Python: {error}", error=words), line=line,
                        hint=hint)


def run_settings_file(settings_file):
    """{NAME: value} of every UPPER_CASE name the settings file sets, as Pelican reads them.

    A mistake — in this file or one it star-imports — raises a ContentError naming the file
    and line instead of a traceback.
    """
    settings_file = Path(settings_file)
    files = settings_files(settings_file)
    # `from pelicanconf import *` must run the pelicanconf.py beside the file, as it is now — not
    # one imported earlier in this process (another build's, or before an edit): Pelican, which
    # reads the file next, then finds this one in sys.modules.
    for imported in files[1:]:
        sys.modules.pop(imported.stem, None)
    name = settings_file.stem
    spec = importlib.util.spec_from_file_location(name, settings_file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # as Pelican's load_source: a file star-importing this one finds it
    sys.path.insert(0, str(settings_file.parent))
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as error:  # noqa: BLE001 — whatever the file does, the person gets a line
        sys.modules.pop(name, None)
        raise run_error(error, files) from None
    finally:
        sys.path.remove(str(settings_file.parent))
    return {key: value for key, value in vars(module).items() if key.isupper()}


def _in(files, filename):
    try:
        return Path(filename).resolve() in {path.resolve() for path in files}
    except (OSError, ValueError):
        return False


def run_error(error, files):
    """A ContentError at the line of the settings files where running them stopped."""
    if isinstance(error, SyntaxError) and error.filename and Path(error.filename).is_file():
        path = Path(error.filename)  # a file imported while running (not one we compiled first)
        return syntax_error(path, path.read_text(encoding="utf-8", errors="replace"), error)
    where, frame = (files[0], None), None
    tb = error.__traceback__
    while tb is not None:  # the innermost frame that is one of the settings files
        if _in(files, tb.tb_frame.f_code.co_filename):
            where, frame = (Path(tb.tb_frame.f_code.co_filename), tb.tb_lineno), tb.tb_frame
        tb = tb.tb_next
    path, line = where
    if isinstance(error, NameError) and getattr(error, "name", None):
        known = [n for n in (frame.f_globals if frame else {}) if not n.startswith("_")] + dir(builtins)
        message = t("'{name}' is not defined", name=error.name)
        hint = sentences(suggest(error.name, known),
                         t("a text needs quotes (\"…\"); a setting used on this line must be set above it"))
    elif isinstance(error, ImportError):
        message, hint = t("cannot import: {error}", error=error), IMPORT_HINT
    elif isinstance(error, SystemExit):
        message = t("the settings file stops Python (exit or sys.exit)")
        hint = t("remove that call: a settings file only sets values")
    else:
        message, hint = f"{type(error).__name__}: {error}", RUN_HINT
    return ContentError(path.name, t("this line fails when the settings are read: {problem}", problem=message),
                        line=line, hint=hint)
