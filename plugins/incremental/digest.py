"""The value of anything a template can be given, as a hash — or Unknowable, when we cannot tell.

A page is rendered again when one of the values it looked at hashes differently; so a hash must change
whenever anything a template could read of the value changes. Values of a kind not listed here are
Unknowable, and a page that looked at one is always rendered (rebuild more, never less).
"""

import dataclasses
import datetime
import hashlib
import pathlib
import types

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from bilingual.alternates import SiteIndex


class Unknowable(Exception):
    """A value whose content we cannot hash: whatever looked at it is rendered every time."""


PLAIN = (str, int, float, bool, type(None), bytes, datetime.date, datetime.time, datetime.timedelta,
         datetime.tzinfo, pathlib.PurePath)
# An item's attributes that are not what it shows: the settings and the site's context are in the
# environment's hash or looked at by name; its translations are hashed as items of their own.
NOT_ITEM_STATE = frozenset({"settings", "_context", "translations", "_summary"})


class Digests:
    """Hashes of the values of one build, memoised by identity: the values live for the whole build, and
    none changes while pages are written (phase 2 reads what phase 1 made; a value changed in between would
    keep its first hash — the proof, tests/test_incremental.py, is what would notice)."""

    def __init__(self):
        self.memo = {}  # id → (value, digest): the value kept, so its id is not reused

    def of(self, value):
        """The hex digest of value; raises Unknowable. Memoised for every value: a page's context holds the
        same objects as the last page's, but for a few."""
        known = self.memo.get(("of", id(value)))
        if known is not None and known[0] is value:
            return known[1]
        hasher = hashlib.sha256()
        self._feed(value, hasher, depth=0, inside=False)
        digest = hasher.hexdigest()
        self.memo[("of", id(value))] = (value, digest)
        return digest

    def _memoised(self, value, compute, inside=False):
        known = self.memo.get((id(value), inside))
        if known is not None and known[0] is value:
            return known[1]
        digest = compute()
        self.memo[(id(value), inside)] = (value, digest)
        return digest

    def _feed(self, value, hasher, depth, inside):
        """Feed value's hash into hasher. `inside`: we are within an item's own state, where another item
        counts by its file and address (its own state is hashed where it is a value itself), so cycles end."""
        if depth > 40:
            raise Unknowable("nested too deep")
        kind = type(value)
        if isinstance(value, PLAIN) and not isinstance(value, (list, dict)):
            # str subclasses (Markup) and datetimes with their zone: repr says all of it
            hasher.update(f"{kind.__name__}:{value!r}\x00".encode("utf-8", "surrogatepass"))
        elif isinstance(value, Content) and inside:
            hasher.update(f"ref:{value.source_path!r}:{getattr(value, 'url', None)!r}\x00".encode())
        elif isinstance(value, Content):
            hasher.update(f"item:{self.item(value)}\x00".encode())
        elif isinstance(value, (list, tuple)) and kind in (list, tuple) or _is_namedtuple(value):
            hasher.update(f"{kind.__name__}[{len(value)}\x00".encode())
            hasher.update(self._memoised(value, lambda: self._sequence(value, depth, inside), inside).encode())
        elif isinstance(value, (set, frozenset)):
            parts = sorted(self._part(element, depth, inside) for element in value)
            hasher.update(f"set[{len(parts)}:{''.join(parts)}\x00".encode())
        elif isinstance(value, dict):
            hasher.update(b"dict[")
            hasher.update(self._memoised(value, lambda: self._mapping(value, depth, inside), inside).encode())
        elif isinstance(value, URLWrapper):  # a tag, category or author: what a template reads of one
            hasher.update(f"{kind.__name__}:{value.name!r}:{value.slug!r}:{value.url!r}:{value.save_as!r}\x00"
                          .encode())
        elif isinstance(value, Paginator):
            hasher.update(self._memoised(value, lambda: self._paginator(value, depth, inside), inside).encode())
        elif isinstance(value, Page):
            hasher.update(f"page:{value.number}:{value.base_url!r}:".encode())
            self._feed(value.object_list, hasher, depth + 1, inside)
            self._feed(value.paginator, hasher, depth + 1, inside)
        elif isinstance(value, SiteIndex):
            hasher.update(self._memoised(value, lambda: self._index(value)).encode())
        elif isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
            # a template helper: its code is in the environment's hash, and what it reads of the page's
            # context (pass_context helpers) is looked up through the context, so noted by name
            hasher.update(f"fn:{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}\x00".encode())
        elif hasattr(value, "incremental_key"):  # a value that says what names it (charts.yamlfile.Node)
            hasher.update(f"{kind.__module__}.{kind.__qualname__}:{value.incremental_key()}\x00".encode())
        elif isinstance(value, type):  # range, dict, namespace…: Jinja's own globals
            hasher.update(f"type:{value.__module__}.{value.__qualname__}\x00".encode())
        elif dataclasses.is_dataclass(value):
            hasher.update(f"{kind.__module__}.{kind.__qualname__}(".encode())
            for item in dataclasses.fields(value):
                hasher.update(f"{item.name}=".encode())
                self._feed(getattr(value, item.name), hasher, depth + 1, inside)
        else:
            raise Unknowable(f"{kind.__module__}.{kind.__qualname__}")

    def _part(self, value, depth, inside):
        hasher = hashlib.sha256()
        self._feed(value, hasher, depth + 1, inside)
        return hasher.hexdigest()

    def _sequence(self, value, depth, inside):
        return hashlib.sha256("".join(self._part(element, depth, inside) for element in value).encode()).hexdigest()

    def _mapping(self, value, depth, inside):
        parts = sorted(f"{self._part(key, depth, inside)}{self._part(item, depth, inside)}"
                       for key, item in value.items())
        return hashlib.sha256("".join(parts).encode()).hexdigest()

    def _paginator(self, value, depth, inside):
        """A paginator by its counts: what a page of a listing shows of the rest (trace.Watched notes a
        render that reads the whole list, which renders.key then hashes whole)."""
        return hashlib.sha256(f"paginator:{value.name!r}:{value.url!r}:{value.per_page}:{value.orphans}:"
                              f"{value.count}:{value.num_pages}".encode()).hexdigest()

    def _index(self, index):
        hasher = hashlib.sha256(repr(sorted(index.prefixes.items())).encode())
        for lang in sorted(index.entries):
            for url, entry in sorted(index.entries[lang].items()):
                hasher.update(f"{lang}\x00{url}\x00{entry!r}\x00".encode())
        return hasher.hexdigest()

    def item(self, content):
        """An item with its translations: a page shows its translations' addresses and titles."""
        return self._memoised(content, lambda: hashlib.sha256("".join(
            [self.own(content)] + sorted(self.own(other) for other in getattr(content, "translations", []))
        ).encode()).hexdigest())

    def own(self, content):
        """An item's own state: everything on it but the settings and the context, its HTML with its
        links resolved (the HTML a template is given), and its other items by address."""
        key = ("own", id(content))
        known = self.memo.get(key)
        if known is not None and known[0] is content:
            return known[1]
        hasher = hashlib.sha256(f"{type(content).__module__}.{type(content).__qualname__}\x00".encode())
        hasher.update(f"content:{content.content!r}\x00".encode("utf-8", "surrogatepass"))
        for name in sorted(vars(content)):
            if name in NOT_ITEM_STATE:
                continue
            hasher.update(f"{name}=".encode())
            self._feed(getattr(content, name), hasher, depth=1, inside=True)
        digest = hasher.hexdigest()
        self.memo[key] = (content, digest)
        return digest


def _is_namedtuple(value):
    return isinstance(value, tuple) and hasattr(type(value), "_fields")
