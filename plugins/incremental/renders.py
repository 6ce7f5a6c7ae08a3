"""One language's pages in one build: rendered, or — when nothing they looked at changed — linked from the
previous output.

The writer hands every render here (`RenderOnce` wraps the template Pelican's writer calls). A page whose
previous record has the same key (the environment's hash, the values of everything its render looked at,
the bytes of the data files it read) and whose previous file is still in place, untouched, is not rendered:
the writer writes nothing for it (bilingual.writer), and `finish()` links the previous file (and the files it
wrote on the side) into the new output. A hard link shares the bytes, never copies them, and the previous output is never written
to: every file of the new output is a new name, made by rename.
"""

import hashlib
import logging
import os
from collections import Counter
from pathlib import Path

from .digest import Digests, Unknowable
from .record import Entry, stat_of
from .trace import ABSENT, WHOLE, tracing

log = logging.getLogger(__name__)
MISSING = "\0missing"
GROUP = "\0group:"  # record entries of files a generator writes itself, not a page (Renders.reuse)


class Renders:
    def __init__(self, lang, previous, environment, old_output, staging, index_of):
        self.lang = lang
        self.previous = previous  # relative path → Entry, from the last build's record
        self.environment = environment  # inputs.environment(), with this language
        self.old_output, self.staging = Path(old_output), Path(staging)
        self.prefix = str(self.staging) + os.sep  # of every path written into the new output
        self.index_of = index_of  # () → the SiteIndex (set on the context only in phase 2)
        self.digests = Digests()
        self.files = {}  # absolute path → digest of the data files renders read (file_digest)
        self.entries = {}  # relative path → Entry, for this build
        self.carried = set()  # relative paths whose previous file is linked in by finish()
        self.rendered = 0
        self.changed = []  # relative paths of the pages rendered to other bytes than the last output's
        self.unknowable = Counter()  # why pages could not be keyed (a kind of value digest does not know)

    def key(self, rel, template_name, localcontext, env, names, questions, files):
        """The key of a render that looked at `names`, asked `questions` and read `files` ({path: SHA-256 of
        its bytes}), or None (Unknowable)."""
        parts = [self.environment, template_name or "", rel, *(f"!{path}={files[path]}" for path in sorted(files))]
        try:
            for name in sorted(names):
                if name.endswith(WHOLE):  # a listing page that read its paginator's whole list
                    value = _whole_list(localcontext.get(name[:-len(WHOLE)]))
                elif name in localcontext:
                    value = localcontext[name]
                else:
                    value = env.globals.get(name, MISSING)
                parts.append(f"{name}={self.digests.of(value)}")
            if questions:
                index = self.index_of()
                for method, args in sorted(questions):
                    parts.append(f"?{method}{args!r}={self.digests.of(getattr(index, method)(*args))}")
        except Unknowable as why:
            self.unknowable[str(why)] += 1
            return None
        return self.digests.of(tuple(parts))

    def file_digest(self, path):
        """The SHA-256 of a content file a render read (a dataset, an image), once per build; ABSENT if it is
        not there (or cannot be read: the render, if it runs, will say why)."""
        known = self.files.get(path)
        if known is None:
            try:
                known = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                known = ABSENT
            self.files[path] = known
        return known

    def is_carried(self, path):
        """Is this file (a path in the output folder) a page whose last file finish() links in?"""
        return path.startswith(self.prefix) and path[len(self.prefix):] in self.carried

    def unchanged(self, rel, entry):
        """Are the previous file and the files it wrote on the side still there, as they were made?"""
        return rel in entry.stats and all(stat_of(self.old_output / path) == stat for path, stat in entry.stats.items())

    def render(self, template, localcontext):
        rel = localcontext["output_file"]
        before = self.previous.get(rel)
        if before is not None and before.key is not None and self.unchanged(rel, before):
            files = {path: self.file_digest(path) for path in before.files}  # as they are now
            key = self.key(rel, template.name, localcontext, template.environment, before.names, before.questions,
                           files)
            if key == before.key:
                self.carried.add(rel)
                self.entries[rel] = before
                return ""
        with tracing() as trace:
            html = template.render(localcontext)
        self.rendered += 1
        if not holds(self.old_output / rel, html):
            self.changed.append(rel)
        side = tuple(sorted(path[len(self.prefix):] for path in trace.side_outputs if path.startswith(self.prefix)))
        names = tuple(sorted(trace.names))  # SITE_INDEX among them only if read other than by question
        questions = tuple(sorted(trace.questions))
        key = self.key(rel, template.name, localcontext, template.environment, names, questions, trace.files)
        self.entries[rel] = Entry(key, names, questions, tuple(sorted(trace.files)), side_outputs=side)
        return html

    def reuse(self, group, parts, stale=False):
        """A group of files a generator writes itself (the search index of a language): if it was made from
        the same `parts` last time and its files are in place, they are linked into the new output (by
        finish()) and the value kept with them is returned; otherwise None, and the maker writes them and
        calls keep(). The parts must be everything the files are made of but the environment.

        `stale`: link the last files even if they were made from other parts (`invoke serve` shows the saved
        page first and builds the search index right after); the record keeps their old key, so the next
        build makes them again."""
        name = GROUP + group
        before = self.previous.get(name)
        key = self.group_key(parts)
        if before is None or (not stale and (key is None or before.key != key)):
            return None
        if not all(stat_of(self.old_output / path) == stat for path, stat in before.stats.items()):
            return None
        self.carried.add(name)
        self.entries[name] = before
        return before.value

    def keep(self, group, parts, files, value):
        """The files of a group just written (relative to the output folder), and what to give back next time."""
        self.entries[GROUP + group] = Entry(self.group_key(parts), side_outputs=tuple(sorted(files)), value=value)

    def write_files(self, folder, files):
        """Write {name: bytes} below folder (relative to the output folder); a file whose bytes are those of
        the last output's file there is linked instead, so its twins are linked too (precompress)."""
        folders = set()
        for name, data in sorted(files.items()):
            rel = folder + name
            old, target = self.old_output / rel, self.staging / rel
            if stat_of(old) is not None and os.path.getsize(old) == len(data) and old.read_bytes() == data:
                link_into(old, target, replace=True, folders=folders)
                continue
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_bytes(data)

    def group_key(self, parts):
        try:
            return self.digests.of((self.environment, parts))
        except Unknowable as why:
            self.unknowable[str(why)] += 1
            return None

    def finish(self):
        """Link the carried pages (and what they wrote on the side) into the new output; note every file's stat."""
        folders = set()  # made already: one mkdir per folder, not per file
        for rel in sorted(self.carried):
            for path in self.entries[rel].stats:
                link_into(self.old_output / path, self.staging / path, replace=(path == rel), folders=folders)
        for rel, entry in self.entries.items():
            if rel in self.carried:
                continue
            paths = (*((rel,) if not rel.startswith(GROUP) else ()), *entry.side_outputs)
            entry.stats = {path: stat_of(self.staging / path) for path in paths}
            if any(stat is None for stat in entry.stats.values()):
                entry.key = None  # not all there (a write skipped): never carry it
        log.info("%s pages: %d rendered, %d linked from the last build; never linked, for a value of an unknown "
                 "kind: %s", self.lang, self.rendered, len(self.carried), dict(self.unknowable) or "none")
        return self.entries


def holds(path, text):
    """Does the file at path hold exactly this text (as the writer writes it)?"""
    data = text.encode()
    stat = stat_of(path)
    return stat is not None and stat[1] == len(data) and path.read_bytes() == data


def _whole_list(value):
    """The whole list behind a listing's Page or Paginator ([] if it is neither)."""
    paginator = getattr(value, "paginator", value)
    return list(getattr(paginator, "object_list", None) or [])


def link_into(source, target, replace, folders):
    """target becomes a hard link to source: a new name, never a write into an existing file. A side file
    another page of this build already wrote is kept (it has the same bytes)."""
    if not replace and target.exists():
        return
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(target.parent)
    scratch = target.with_name(f".link-{target.name}")
    os.link(source, scratch)
    os.replace(scratch, target)


class RenderOnce:
    """The template a writer is given: renders through Renders (which may answer from the last build)."""

    def __init__(self, template, renders):
        self.template, self.renders = template, renders
        self.name = template.name

    def render(self, localcontext):
        return self.renders.render(self.template, localcontext)
