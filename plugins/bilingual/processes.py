"""Each language but the main one read and written in a forked child process.

A build is two phases per language — read, then write — joined by the SiteIndex, which
must know every language's pages before any page is written (the switcher, hreflang).
The languages do not otherwise share anything, so on a machine with more than one core
they can run side by side: the parent process builds the main language, and one child per
other language, forked once the Pelican instances exist, does the same steps in step:

    child                                parent
    read                                 read the main language
    send its log records and its         re-log the records (the ProblemCollector sees them
      SiteIndex entries (or the error)     as if they were its own), stop on errors,
                                           merge the entries into the SiteIndex
    receive the SiteIndex                send it
    write its pages                      write the main language's pages (and static files)
    send its log records, the items      re-log, collect the items for sitecheck
      sitecheck reads, its content notes,
      its peak memory

Nothing else crosses the pipe, so the output is byte for byte what a build in one process
writes (a test compares them). SITE_BUILD_SERIAL=1 in the environment builds in one process,
e.g. to profile a build.
"""

import logging
import os
import pickle
import signal
import sys
import traceback
from multiprocessing.connection import Pipe

from pelican.log import FilteredMessage

from messages import t

from .alternates import SiteIndex

PRIMITIVES = (str, int, float, bool, type(None))


def forking_wanted(sites):
    return len(sites) > 1 and hasattr(os, "fork") and not os.environ.get("SITE_BUILD_SERIAL")


def peak_memory_mib():
    """This process's peak resident memory (VmHWM), in MiB; None where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RecordKeeper(logging.Handler):
    """In a child: keeps every log record in a form that survives pickling."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records = []

    def emit(self, record):
        # Pelican logs some errors from inside an `except` block without attaching them;
        # the ProblemCollector looks for the active exception, so it travels with the record.
        active = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        fields = dict(record.__dict__)
        if not all(isinstance(arg, PRIMITIVES) for arg in (record.args or ())):
            fields["msg"], fields["args"] = record.getMessage(), ()
        elif not isinstance(record.msg, str):
            fields["msg"] = str(record.msg)
        if record.exc_info and not record.exc_text:
            fields["exc_text"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        fields["exc_info"] = None
        fields["forwarded_error"] = portable(active)
        self.records.append(fields)

    def take(self):
        records, self.records = self.records, []
        return records


def portable(error):
    """The exception itself if it can cross the pipe; otherwise a plain one with its text."""
    if error is None:
        return None
    try:
        pickle.dumps(error)
        return error
    except Exception:  # noqa: BLE001 (any pickling failure: fall back to the text)
        return RuntimeError(f"{type(error).__name__}: {error}")


def relog(records):
    """Hand a child's records to this process's loggers, as if they had been logged here."""
    for fields in records:
        record = logging.makeLogRecord(fields)
        try:
            logging.getLogger(record.name).handle(record)
        except FilteredMessage:  # Pelican's loggers say a message once per build, and this one was said here
            pass


def build_languages_forked(sites, index, collector, content_path):
    """Read and write every language, the main one here and the others in children.

    Returns (items for sitecheck, content notes for sitecheck, {"parent" or lang: peak MiB},
    {relative output path: incremental.record.Entry} of every language).
    """
    main, others = sites[0], sites[1:]
    sys.stdout.flush()
    sys.stderr.flush()  # or what is buffered now would be written again by every child
    children = []
    finished = False
    try:
        for site in others:  # one by one, so a failed fork still leaves the earlier children to reap
            children.append(Child.start(site, index.prefixes))
        main.read()
        answers = [child.receive() for child in children]
        for answer in answers:
            relog(answer["records"])
        collector.stop_if_any(content_path)
        main.register_urls(index)
        for child, answer in zip(children, answers):
            if answer["error"] is not None:
                raise answer["error"]
            index.entries[child.lang] = answer["entries"]
        for child in children:
            child.send(index)
        main.context["SITE_INDEX"] = index
        main.write(copy_static=True)
        items, notes = list(main.items()), main.content_notes()
        entries = dict(main.render_entries)
        peaks = {"parent": peak_memory_mib()}
        for site, child in zip(others, children):
            answer = child.receive()
            relog(answer["records"])
            if answer["error"] is not None:
                raise answer["error"]
            items += answer["items"]
            notes += answer["notes"]
            entries.update(answer["entries"])
            site.rendered, site.changed = answer["rendered"], answer["changed"]  # (BuildReport)
            peaks[child.lang] = answer["peak_mib"]
        finished = True
        return items, notes, peaks, entries
    finally:
        for child in children:
            child.finish(stop=not finished)


class Child:
    """One forked language: the parent's end of its pipe, and its process id."""

    def __init__(self, lang, pid, connection):
        self.lang, self.pid, self.connection = lang, pid, connection

    @classmethod
    def start(cls, site, prefixes):
        parent_end, child_end = Pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            status = 1
            try:
                parent_end.close()
                serve_language(site, prefixes, child_end)
                status = 0
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)  # no atexit handlers, no test-runner teardown: they belong to the parent
        child_end.close()
        return cls(site.lang, pid, parent_end)

    def receive(self):
        try:
            return self.connection.recv()
        except EOFError:
            raise RuntimeError(t("the build of '{lang}' stopped without a word (killed?)", lang=self.lang)) from None

    def send(self, message):
        self.connection.send(message)

    def finish(self, stop):
        """Reap the process; with `stop`, end it first (the parent stopped early, on an error)."""
        self.connection.close()
        if stop:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        os.waitpid(self.pid, 0)


def serve_language(site, prefixes, connection):
    """The child's side: read, report, wait for the SiteIndex, write, report."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)  # the parent prints and collects what we send it
    keeper = RecordKeeper()
    root.addHandler(keeper)
    answer = {"entries": None, "error": None}
    try:
        site.read()
        own = SiteIndex(prefixes)  # keyed as in the parent's index; only this language gets entries
        site.register_urls(own)
        answer["entries"] = own.entries[site.lang]
    except Exception as error:  # noqa: BLE001 (the parent raises it, once it has seen the records)
        answer["error"] = portable(error)
    answer["records"] = keeper.take()
    connection.send(answer)
    try:
        index = connection.recv()
    except EOFError:
        return  # the parent stopped: errors in another language
    site.context["SITE_INDEX"] = index
    answer = {"items": [], "notes": [], "entries": {}, "rendered": None, "changed": None, "error": None}
    try:
        site.write(copy_static=False)
        answer["items"] = list(site.items())
        answer["notes"] = site.content_notes()
        answer["entries"] = site.render_entries  # what each page was made from: the parent keeps the record
        answer["rendered"], answer["changed"] = site.rendered, site.changed
    except Exception as error:  # noqa: BLE001
        answer["error"] = portable(error)
    answer["records"] = keeper.take()
    answer["peak_mib"] = peak_memory_mib()
    connection.send(answer)
