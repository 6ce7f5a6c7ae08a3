"""What `invoke serve` does after each save: a first look at once, the builds as soon as they can run.

Two threads. The watch (watch_and_rebuild) takes each batch of changes watchfiles reports, shows a first
look at the saved pages if the previewer can render them (previewer.py), and queues the batch. The builder
(build_saves) takes every batch queued so far and builds: the pages first, with SEARCH_LATER (the last
search index linked unchanged), then — unless another save is already waiting, whose build comes first —
the search index. So a save shows at once even while the builds of earlier saves run (seconds, on a large
site), and saves made in quick succession share one build.

Open pages reload when a first look is shown, and after a build only if it changed something they do not
show already: a build after batches that were all shown, whose changed pages are the latest first look's,
byte for byte, reloads nothing. A first look stays shown until a build that includes its save is in place.
After a batch the previewer could not show, it reads the site again once that batch's builds are over.
"""

import os
import sys
import threading
import traceback
from pathlib import Path

from .devserver import built


class Saves:
    """The batches of changes waiting for a build: (save number, changes, shown as a first look)."""

    def __init__(self):
        self._changed = threading.Condition()
        self._waiting = []
        self._closed = False

    def add(self, number, changes, shown):
        with self._changed:
            self._waiting.append((number, changes, shown))
            self._changed.notify_all()

    def take(self):
        """Every batch waiting (as soon as there is one), or [] once closed with none left."""
        with self._changed:
            self._changed.wait_for(lambda: self._waiting or self._closed)
            taken, self._waiting = self._waiting, []
            return taken

    def any_waiting(self):
        with self._changed:
            return bool(self._waiting)

    def close(self):
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def saved_items(changes):
    """The Markdown files a batch of changes saved, or [] if it changed anything else (hidden files and
    backups aside: the build never reads them)."""
    from watchfiles import Change

    saved = set()
    for change, path in changes:
        name = os.path.basename(path)
        if name.startswith(".") or name.endswith("~"):
            continue
        if change == Change.deleted or not path.endswith(".md") or not os.path.isfile(path):
            return []
        saved.add(path)
    return sorted(saved)


def first_look(number, changes, previewer, builds):
    """Save `number`'s pages shown over output/ if the previewer renders them; was it shown?"""
    paths = saved_items(changes) if previewer is not None else []
    look = previewer.render(paths) if paths else None
    if look is not None:
        folder, files = look
        builds.previewed(folder, number, files)
    return look is not None


def as_shown(report, look):
    """Are the first look's pages the build's, and the only pages it changed?"""
    folder, files = look
    pages = {rel for rel in files if rel.endswith(".html")}
    if report.pages_changed is None or not set(report.pages_changed) <= pages:
        return False
    try:
        return all((report.output / rel).read_bytes() == (Path(folder) / rel).read_bytes() for rel in pages)
    except OSError:  # a page the build did not write, or an older look, removed since (Previewer.KEPT)
        return False


def build_saves(build, builds, saves, previewer=None):
    """The builder: build every batch waiting, until `saves` is closed."""
    while batches := saves.take():
        try:
            build_batches(batches, build, builds, saves, previewer)
        except Exception:  # noqa: BLE001 (a bug here must not end the builds of every later save silently)
            traceback.print_exc(file=sys.stderr)


def build_batches(batches, build, builds, saves, previewer):
    """The builds after these batches of changes (saveloop's docstring says which, and when pages reload)."""
    upto, all_shown = batches[-1][0], all(shown for _, _, shown in batches)
    look = builds.shown_look()  # (folder, files, save number) or None
    report = built(build, builds, search_later=True, upto=upto)
    if report is not None:
        # no reload if every batch was shown and the last look is exactly what the build changed (a stylesheet
        # saved in an earlier batch of this build would change no page, and still needs one)
        quiet = all_shown and look is not None and look[2] == upto and as_shown(report, look[:2])
        builds.finished(reload=not quiet, upto=upto)
        if not saves.any_waiting():  # a newer save's build comes first; the index follows it
            report = built(build, builds)
            if report is not None and report.pages_changed != []:  # None: no record kept, every page written
                builds.finished()
    if previewer is not None and not all_shown:
        previewer.start()  # what it read no longer matches the disk


def watch_and_rebuild(watched, build, builds, stop=None, previewer=None):
    """A first look and the builds after every batch of changes to the `watched` paths, until `stop` (a
    threading.Event) is set.

    A function of its own, not `invoke serve`'s body, so a test or the benchmark can run it in a thread.
    """
    from watchfiles import watch

    saves = Saves()
    builder = threading.Thread(target=build_saves, args=(build, builds, saves, previewer), daemon=True,
                               name="builds")
    builder.start()
    try:
        # .mo: compiled by the build from the .po beside it; .pyc: written by importing the plugins
        for number, changes in enumerate(watch(*watched, stop_event=stop,
                                               watch_filter=lambda change, path: not path.endswith((".mo", ".pyc"))),
                                         start=1):
            saves.add(number, changes, first_look(number, changes, previewer, builds))
    except KeyboardInterrupt:  # Ctrl+C: no waiting for a build; cut short, it leaves output/ as it was
        saves.close()
        raise
    saves.close()
    builder.join()  # (`stop`: a test's, or the benchmark's, builds end before its folders go)
