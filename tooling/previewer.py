"""`invoke serve`'s first look at a save: a process that keeps the site read (bilingual.preview.SiteModel)
and renders the saved item's page into a folder of its own, which the preview server shows over output/
until a build that includes the save is in place (saveloop.py).

A process, not a thread: reading and rendering use Pelican's process-wide signals, loggers and caches, which
the builds in `invoke serve`'s own process use at the same time. It is started once the first build is in
place, and started again after any save it could not show (a new or deleted file, data, a template, the
settings, the plugins' code: what it read no longer matches the disk). It reads the content cache, and never
writes it.
"""

import itertools
import logging
import multiprocessing
import os
import shutil
import tempfile
import threading
from pathlib import Path

ANSWER_WITHIN = 3.0  # seconds the page's save waits for a first look before the build runs without one


def work(connection, settings_file, content, overrides, folder):
    """The process: read the site, say "ready" (or why not), then answer each (number, paths) with
    (number, files written or None), until the connection closes."""
    # Problems are noted (bilingual.preview declines to show a page logged with one), not printed: the build
    # after each save names every problem, once.
    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger().addHandler(logging.NullHandler())
    from bilingual.preview import SiteModel

    try:
        model = SiteModel.load(settings_file, content, overrides, folder)
    except Exception as error:  # noqa: BLE001 (a site that does not read has nothing to preview)
        model = None
        connection.send(("not ready", f"{type(error).__name__}: {error}"))
    else:
        connection.send(("ready", None))
    while True:
        try:
            asked = connection.recv()
        except EOFError:
            return
        number, paths = asked
        try:
            files = model.render(paths) if model is not None else None
        except Exception:  # noqa: BLE001 (half-changed: no more previews until started again)
            model, files = None, None
        connection.send((number, files))


class Previewer:
    """The preview process of `invoke serve`, seen from the server: start(), render(), close(). The watch
    renders while the builder starts it again: one call at a time."""

    KEPT = 2  # first looks kept on disk: the one shown, and the one before (a request may still be reading it)

    def __init__(self, settings_file, content, overrides):
        self.arguments = (str(settings_file), str(content), dict(overrides))
        self.root = Path(tempfile.mkdtemp(prefix="site-preview-"))
        self.folder = self.root / "work"  # where the process writes; each first look is then moved aside
        self.folder.mkdir()
        self.looks = []
        self.process = self.connection = None
        self.ready = False
        self.numbers = itertools.count(1)
        self.lock = threading.Lock()

    def start(self):
        """(Again) a process that reads the site as it is now; ready some seconds later (is_ready())."""
        with self.lock:
            self._stop()
            spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing of the server's threads
            self.connection, theirs = spawn.Pipe()
            self.process = spawn.Process(target=work, args=(theirs, *self.arguments, str(self.folder)), daemon=True,
                                         name="preview")
            self.process.start()
            theirs.close()

    def is_ready(self):
        """Has the process read the site (without waiting for it)?"""
        with self.lock:
            return self._is_ready()

    def _is_ready(self):
        try:
            while self.process is not None and not self.ready and self.connection.poll():
                state, _why = self.connection.recv()
                self.ready = state == "ready"
                if not self.ready:
                    self._stop()
        except (OSError, EOFError):  # it ended before reading the site
            self._stop()
        return self.ready

    def render(self, paths, within=ANSWER_WITHIN):
        """The saved files' pages: (a folder of their own, the files in it), or None — not ready, a save it
        does not show (bilingual/preview.py), or no answer `within` seconds."""
        with self.lock:
            if not self._is_ready():
                return None
            number = next(self.numbers)
            try:
                self.connection.send((number, [str(path) for path in paths]))
                while self.connection.poll(within):
                    answered, files = self.connection.recv()
                    if answered == number:  # an older, late answer is passed over
                        return self._moved_aside(number, files) if files else None
            except (OSError, EOFError):  # the process ended (killed, out of memory): no first looks until started
                self._stop()
            return None

    def _moved_aside(self, number, files):
        """The process's folder renamed to a first look's own (and an empty one for the next save): a look on
        show is never emptied under the server's feet."""
        look = self.root / f"look-{number}"
        os.rename(self.folder, look)
        self.folder.mkdir()
        self.looks.append(look)
        for old in self.looks[:-self.KEPT]:
            shutil.rmtree(old, ignore_errors=True)
        del self.looks[:-self.KEPT]
        return look, files

    def _stop(self):
        """End the process at once: it writes nothing anyone else reads (only folders it has answered for are
        shown), so nothing is lost."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.connection.close()
        self.process = self.connection = None
        self.ready = False

    def close(self):
        with self.lock:
            self._stop()
            shutil.rmtree(self.root, ignore_errors=True)
