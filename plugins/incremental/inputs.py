"""Hashes of a build's inputs: everything but the items (the environment every page is rendered in),
and everything at all (the signature that tells a build with nothing to do)."""

import hashlib
import os
import sys
from importlib.metadata import distributions
from pathlib import Path

from addresses.writer import ledger_files
from bilingual.cache import settings_text
from campaigns.folders import campaign_files, overlay_names
from charts.store import dataset_files

SKIPPED = ("__pycache__", ".mo")  # bytecode, and catalogs compiled from the .po files beside them
YAML = (".yaml", ".yml")


def installed_versions():
    """Every installed distribution and its version: any of them may change what a page looks like."""
    found = sorted({f"{d.metadata['Name']}=={d.version}" for d in distributions() if d.metadata["Name"]})
    return f"{sys.version}|{'|'.join(found)}"


def _walk(root):
    """Every file below root, sorted, bytecode and compiled catalogs aside."""
    root = Path(root)
    if not root.exists():
        return []
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
        files += [Path(folder, name) for name in names if not name.endswith(SKIPPED)]
    return sorted(files)


def _stat_line(path, root):
    found = os.stat(path, follow_symlinks=False)
    return f"{path.relative_to(root).as_posix()}\0{found.st_size}\0{found.st_mtime_ns}\0{found.st_ino}\n"


def environment(base, versions):
    """The hash of everything a page is rendered with but the items themselves and the language: the
    settings, the theme and the overlay themes, every file of the plugins (code, templates, styles, scripts, catalogs,
    word lists), the content's YAML (codes, vocabularies) — all by content —, and the installed versions. Not
    the addresses ledger and the redirects file: only the addresses step reads them, after every page is
    written, and its files are written on every build. Not a campaign's campaign.yaml: it is read on every
    build into a Campaign, a value of plain fields, which the pages that show it look at and hash (the header
    only asks whether there are campaigns). Not the content's other files, each an input
    of the pages that read it (trace.read_file, with the hash of its bytes): a dataset, of the pages with its
    charts (charts.store.DataStore.read; what lists datasets, the dashboard and the menu, looks at the store's
    values, which carry their hashes); an image, of the pages that make it responsive (images.sources) or draw
    it on their share card (sharecards.templating); a PDF's size is on its item, read on every build. A file
    no page reads (a static file, a PDF, an image added before the item that names it) renders nothing."""
    hasher = hashlib.sha256(f"{settings_text(base)}\0{versions}\0".encode())
    # the theme, the campaigns' overlay themes beside it, and every file of the plugins (not only their code:
    # stop-word lists, catalogs…), by content
    for root in (*theme_folders(base), *map(Path, base.get("PLUGIN_PATHS", []))):
        hasher.update(f"\0root:{root.resolve()}\0".encode())
        for path in _walk(root):
            hasher.update(f"{path.relative_to(root).as_posix()}\0".encode())
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
    content = Path(base["PATH"])
    addresses = {content / rel for rel in ledger_files(base).values()}
    # a dataset: each page that shows one notes it (trace.read_file); a campaign: its pages hash its Campaign
    read_by_pages = {Path(path) for path in (*dataset_files(base), *campaign_files(base))}
    for path in _walk(content):
        if path.suffix in YAML and path not in addresses and path.absolute() not in read_by_pages:
            hasher.update(f"{path.relative_to(content).as_posix()}\0".encode())
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def theme_folders(settings):
    """The base theme and every overlay theme a campaign may name (campaigns.folders.overlay_names)."""
    themes_path = settings.get("CAMPAIGN_THEMES_PATH") or os.path.dirname(settings["THEME"])
    overlays = overlay_names(themes_path, settings["THEME"])
    return [Path(settings["THEME"]), *(Path(themes_path, name) for name in overlays)]


def git_state(start):
    """The commit checked out where `start` lives (a page's translation status and lastmod come from git)."""
    for folder in [Path(start).resolve(), *Path(start).resolve().parents]:
        dot_git = folder / ".git"
        if dot_git.exists():
            parts = []
            head = dot_git / "HEAD" if dot_git.is_dir() else dot_git
            for path in (head, dot_git / "packed-refs"):
                if path.is_file():
                    parts.append(path.read_text(errors="replace"))
            if dot_git.is_dir():
                text = (dot_git / "HEAD").read_text(errors="replace").strip()
                if text.startswith("ref: ") and (dot_git / text[5:]).is_file():
                    parts.append((dot_git / text[5:]).read_text(errors="replace"))
            return "\0".join(parts)
    return ""


def signature(settings_file, base, overrides, output, strict, versions):
    """The stat of every file a build reads, the commit, the versions and the build's options: equal
    signatures mean the same build, so the output already in place is its result."""
    settings_file = Path(settings_file).resolve()
    hasher = hashlib.sha256(f"{settings_file}\0{output}\0{strict}\0{sorted(overrides.items())!r}\0{versions}\0"
                            .encode())
    roots = [Path(base["PATH"]), *theme_folders(base), *map(Path, base.get("PLUGIN_PATHS", []))]
    for root in roots:
        hasher.update(f"\0root:{root.resolve()}\0".encode())
        for path in _walk(root):
            hasher.update(_stat_line(path, root).encode())
    for path in sorted(settings_file.parent.glob("*.py")):  # the settings file and what it imports beside it
        hasher.update(_stat_line(path, settings_file.parent).encode())
    hasher.update(git_state(base["PATH"]).encode())
    return hasher.hexdigest()
