"""The record of the last build into an output folder, kept in `.cache/build/`.

What it holds: per output file the key it was made with, what its render looked at (names, questions, data
files), the files it wrote on the side and the stat of each (inode, size, mtime), so a later build can link the very same file into
its new output; the signature of all the inputs and the build's report, so a build with nothing changed
can return at once. It is removed before the new output is swapped in and written after, so a record
that exists always describes the output in place; a missing or unreadable one means a cold build.
"""

import hashlib
import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 3  # bump when what is pickled changes shape: an old record is then simply not used
FOLDER = ".cache/build"  # beside the settings file, like the other build caches
KEEP_DAYS = 14


@dataclass
class Entry:
    key: str | None  # None: the render looked at a value we cannot hash, so it is always rendered
    names: tuple = ()  # the context names its templates resolved
    questions: tuple = ()  # (method, args) it asked of the SiteIndex
    files: tuple = ()  # absolute paths of the content files its helpers read (trace.read_file), by content
    side_outputs: tuple = ()  # files it wrote on the side, relative to the output folder
    stats: dict = field(default_factory=dict)  # relative path → (inode, size, mtime_ns), its own file first
    value: object = None  # a group's (renders.Renders.reuse): what its maker needs to know of its files


@dataclass
class Record:
    output: str = ""  # the output folder it describes
    inputs: str = ""  # signature of every input (inputs.signature); "" if unknown
    entries: dict = field(default_factory=dict)  # relative output path → Entry
    files: dict = field(default_factory=dict)  # every file of the output: relative path → (inode, size, mtime_ns)
    report: object = None  # the BuildReport to give back when nothing changed
    twins: str = ""  # precompress.recipe() of its .gz/.br twins
    scans: dict = field(default_factory=dict)  # what sitecheck read of each page (sitecheck.read_pages)


def record_path(settings_file, output):
    name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]
    return Path(settings_file).resolve().parent / FOLDER / f"{name}.pickle"


def load(path, output):
    """The record for `output`, or an empty one (missing, unreadable, another format or folder)."""
    try:
        with open(path, "rb") as handle:
            version, record = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError,
            IndexError):
        return Record(output=str(output))
    if (version != FORMAT or not isinstance(record, Record) or record.output != str(output)
            or not all(hasattr(record, name) for name in Record.__dataclass_fields__)):  # a FORMAT not bumped
        return Record(output=str(output))
    return record


def forget(path):
    """Before the output is replaced: from now until the new record is saved, there is none."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def save(path, record):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=".new-", dir=path.parent)
    with os.fdopen(handle, "wb") as out:
        pickle.dump((FORMAT, record), out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(scratch, path)  # whole or absent: a killed build leaves no half record
    prune(path.parent)


def prune(folder, days=KEEP_DAYS):
    """Remove the records of output folders no build used for `days` (a test's, a benchmark's)."""
    cutoff = time.time() - days * 86400
    for old in Path(folder).glob("*.pickle"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except FileNotFoundError:
            pass  # another build pruned it


def stat_of(path):
    """(inode, size, mtime_ns) of a file, or None."""
    try:
        found = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def tree_stats(root):
    """Every file below root: relative path → (inode, size, mtime_ns)."""
    root = str(root)
    stats, folders = {}, [root]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    found = entry.stat(follow_symlinks=False)
                    stats[entry.path[len(root) + 1:]] = (found.st_ino, found.st_size, found.st_mtime_ns)
    return stats
