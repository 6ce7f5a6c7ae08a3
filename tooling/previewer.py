"""`invoke serve`'s first look at a save: a process that keeps the site read (bilingual.preview.SiteModel)
and renders the saved item's page into a folder of its own, which the preview server shows over output/
until the build that follows is in place (devserver.rebuild()).

A process, not a thread: reading and rendering use Pelican's process-wide signals, loggers and caches, which
the builds in `invoke serve`'s own process use at the same time. It is started once the first build is in
place, and started again after any save it could not show (a new or deleted file, data, a template, the
settings, the plugins' code: what it read no longer matches the disk). It reads the content cache, and never
writes it.
"""

import itertools
import logging
import multiprocessing
import shutil
import tempfile
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
    """The preview process of `invoke serve`, seen from the server: start(), render(), close()."""

    def __init__(self, settings_file, content, overrides):
        self.arguments = (str(settings_file), str(content), dict(overrides))
        self.folder = Path(tempfile.mkdtemp(prefix="site-preview-"))
        self.process = self.connection = None
        self.ready = False
        self.numbers = itertools.count(1)

    def start(self):
        """(Again) a process that reads the site as it is now; ready some seconds later (is_ready())."""
        self.stop()
        spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing of the server's threads
        self.connection, theirs = spawn.Pipe()
        self.process = spawn.Process(target=work, args=(theirs, *self.arguments, str(self.folder)), daemon=True,
                                     name="preview")
        self.process.start()
        theirs.close()
        self.ready = False

    def is_ready(self):
        """Has the process read the site (without waiting for it)?"""
        try:
            while self.process is not None and not self.ready and self.connection.poll():
                state, _why = self.connection.recv()
                self.ready = state == "ready"
                if not self.ready:
                    self.stop()
        except (OSError, EOFError):  # it ended before reading the site
            self.stop()
        return self.ready

    def render(self, paths, within=ANSWER_WITHIN):
        """The saved files' pages in self.folder: the files written (relative to it), or None — not ready,
        a save it does not show (bilingual/preview.py), or no answer `within` seconds."""
        if not self.is_ready():
            return None
        number = next(self.numbers)
        try:
            self.connection.send((number, [str(path) for path in paths]))
            while self.connection.poll(within):
                answered, files = self.connection.recv()
                if answered == number:  # an older, late answer is passed over
                    return files
        except (OSError, EOFError):  # the process ended (killed, out of memory): no first looks until started again
            self.stop()
        return None

    def stop(self):
        """End the process at once: it writes nothing anyone else reads (its folder is shown only once it has
        answered), so nothing is lost."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.connection.close()
        self.process = self.connection = None
        self.ready = False

    def close(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
