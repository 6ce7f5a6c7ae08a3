"""What a render looked at: the names its templates resolved, the SiteIndex questions it asked, the data files
its helpers read, the files it wrote on the side.

A Jinja template reads its variables through `Context.resolve_or_missing` (also `ctx[...]`/`ctx.get` in
helpers that take the context), in included and imported templates too, since they all use the
environment's `context_class`. So a context class that notes each name sees everything a render can read
from its context. The SiteIndex is asked about one URL at a time; rather than making every page depend on
the whole index (any new item anywhere would re-render every page), the index a render sees answers through
a `Questions` wrapper that notes each question and its arguments, so the key can ask them again.
"""

import threading

from jinja2.runtime import Context
from pelican.paginator import Page, Paginator

_local = threading.local()
INDEX_NAME = "SITE_INDEX"
QUESTIONS = frozenset({"has", "alternates", "translations", "neutral", "languages"})  # SiteIndex's reading methods


class Trace:
    def __init__(self):
        self.names = set()
        self.questions = set()  # (method, args) asked of the SiteIndex
        self.files = {}  # absolute path → SHA-256 of the bytes a helper read of a content file (read_file)
        self.side_outputs = set()  # absolute paths of files written while rendering


def current():
    return getattr(_local, "trace", None)


class tracing:
    """`with tracing() as trace:` — what the render inside looks at goes into trace."""

    def __enter__(self):
        self.outer = current()
        _local.trace = Trace()
        return _local.trace

    def __exit__(self, *exc):
        _local.trace = self.outer


def side_output(path):
    """A file written while a page renders (its share card, a chart's picture): carried with the page."""
    trace = current()
    if trace is not None:
        trace.side_outputs.add(str(path))


ABSENT = "absent"  # the digest of a file that is not there (a page may show that: a plain <img>)


def read_file(path, digest):
    """A content file a template helper read while a page renders (the dataset a chart is drawn from, a cover
    made responsive or drawn on a share card), and the SHA-256 of the bytes it read (ABSENT: no such file):
    the page is rendered again when the file's bytes differ from those (renders.Renders.key) — also when the
    file was saved again while this build read it."""
    trace = current()
    if trace is not None:
        trace.files[str(path)] = digest


class Questions:
    """The SiteIndex as a render sees it: each reading method notes its arguments; anything else (the
    entries themselves) makes the render depend on the whole index."""

    def __init__(self, index, trace):
        self._index, self._trace = index, trace

    def __getattr__(self, name):
        value = getattr(self._index, name)
        if name in QUESTIONS and callable(value):
            def asked(*args):
                self._trace.questions.add((name, args))
                return value(*args)
            return asked
        self._trace.names.add(INDEX_NAME)  # read directly: the whole index is an input
        return value


WHOLE = "@whole"  # suffix of a name whose paginator's whole list a render read: "articles_page@whole"


class Watched:
    """A listing's Page or Paginator as a render sees it. A page of a listing shows its own items and the
    number of pages (digest.py hashes a paginator by its counts, a page by its own items), so a sentence
    added to one item re-renders the one page of each listing that shows it, not all of them. Reading the
    whole list through the paginator (its `object_list`, or another `page()`) makes the render depend on
    the whole list: noted as `<name>@whole`."""

    def __init__(self, value, name, trace):
        self._value, self._name, self._trace = value, name, trace

    def __getattr__(self, attribute):
        value = getattr(self._value, attribute)
        if isinstance(self._value, Paginator) and attribute in ("object_list", "page"):
            self._trace.names.add(self._name + WHOLE)
        if isinstance(value, Paginator):
            return Watched(value, self._name, self._trace)
        return value

    def __str__(self):
        return str(self._value)

    def __repr__(self):
        return repr(self._value)


class RecordingContext(Context):
    def resolve_or_missing(self, key):
        value = super().resolve_or_missing(key)
        trace = current()
        if trace is None:
            return value
        if key == INDEX_NAME and value is not None and not isinstance(value, Questions):
            return Questions(value, trace)
        trace.names.add(key)
        if isinstance(value, (Page, Paginator)):
            return Watched(value, key, trace)
        return value


def record_lookups(env):
    """Make every template of env note what it reads (bilingual.templating calls it for each environment)."""
    env.context_class = RecordingContext
