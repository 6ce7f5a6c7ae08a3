"""Every file under the content folder really is there (no symbolic links), and is of a kind the
site uses, in a place that uses it. Why each rule: docs/decisions/0008-content-files.md.

Runs before anything is read (bilingual.sourcefiles.check_source_tree calls it with the
settings), so a refused file never reaches Pelican's readers or its copying of the static
folders. Markdown files' names and places are sourcefiles' own check; this one leaves them be.
"""

import os
from pathlib import Path

from bilingual.errors import ContentError
from messages import t

from .kinds import NAMES, endings, kind_of_name, mismatch, read
from .svg import check_svg

# Left there by tools, and never read or published (IGNORE_FILES in bilingual/languages.py skips
# hidden files and *~): git's own files (the content folder may be a repository: sitecheck reads
# its history), Finder's folder settings; and, below, editors' locks (.#x) and backups (x~).
TOOLS = (".git", ".gitignore", ".gitattributes", ".gitkeep", ".gitmodules", ".DS_Store")
IMAGES = ("jpeg", "png", "webp", "gif", "svg")  # JPEG, PNG, WebP re-encoded (plugins/images); GIF, SVG as they are
STATIC_KINDS = {"pdfs": ("pdf",), "images": IMAGES}  # a static folder not named here may hold any kind
CAMPAIGN_IMAGES = ("jpeg", "png", "webp", "svg")  # what campaign.yaml's logo and hero may be (campaigns/schema.py)
CAMPAIGN_FILE = "campaign.yaml"
# Endings Pelican's other readers (reStructuredText, HTML, stock Markdown) would read as pages.
READ_BY_PELICAN = (".rst", ".html", ".htm", ".markdown", ".mkd", ".mdown")
DATA_SETTINGS = ("TOPICS_FILE", "AUTHORS_FILE", "DATASETS_PATH", "DATASET_CODES_FILE", "ADDRESSES_FILE",
                 "REDIRECTS_FILE")
LEDGER_SETTING = "ADDRESSES_FILE"  # the one file of data/ that is not YAML: plain text, one address a line


def check_content_files(content_path, settings):
    """[ContentError] for every file or folder under content_path that the site must not take."""
    root = Path(content_path)
    if not root.is_dir():
        return []  # Pelican says so, in its words
    rules = _places(settings)
    data_files = {settings[key] for key in DATA_SETTINGS if settings.get(key)}
    problems, folders = [], [""]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(root / folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            problems.append(_unreadable(folder, error))
            continue
        for entry in entries:
            rel = f"{folder}/{entry.name}" if folder else entry.name
            try:
                found = _check_entry(root, entry, rel, rules, data_files, folders)
            except OSError as error:
                found = [_unreadable(rel, error)]
            problems.extend(found)
    return sorted(problems, key=lambda p: p.path)


def _check_entry(root, entry, rel, rules, data_files, folders):
    if entry.is_symlink():
        target = "".join(c if c.isprintable() else "?" for c in os.readlink(entry.path))
        return [ContentError(rel, t("a symbolic link (to {target}): the site publishes only files that are really "
                                    "inside the content folder", target=target),
                             hint=t("replace the link by the file itself: delete the link and copy the real file "
                                    "(or folder) here under the same name"))]
    is_file = entry.is_file(follow_symlinks=False)
    if entry.name in TOOLS or (is_file and (entry.name.startswith(".#") or entry.name.endswith("~"))):
        return []  # not descended into either: a .git folder is git's business
    if entry.name.startswith("."):
        message = (t("a hidden file (its name starts with a dot): the site never publishes hidden files") if is_file
                   else t("a hidden folder (its name starts with a dot): the site never publishes hidden folders"))
        return [ContentError(rel, message, hint=t("delete it, or, if it belongs on the site, rename it without the dot"))]
    top = rel.split("/", 1)[0]
    if entry.is_dir(follow_symlinks=False):
        if "/" not in rel and top not in rules:
            return [ContentError(rel + "/", t("a folder the site does not use: nothing in it is published"),
                                 hint=t("move its files into one of: {folders}", folders=sorted(rules)))]
        folders.append(rel)
        return []
    if not is_file:
        return [ContentError(rel, t("not a regular file (a pipe, socket or device)"), hint=t("delete it"))]
    if rel.endswith(".md"):
        return []  # bilingual.sourcefiles checks Markdown files' names and places
    if "/" not in rel:
        if rel in data_files:
            return []
        return [ContentError(rel, t("a file directly in the content folder is not used by the site"),
                             hint=t("move it into one of: {folders}, or delete it", folders=sorted(rules)))]
    if rel == settings_ledger(data_files):
        return []
    return rules[top](root, rel)


def settings_ledger(data_files):
    return next((name for name in data_files if name.endswith(".txt")), None)


def _places(settings):
    """{top folder: rule(root, rel) → [ContentError]} for every folder the settings give a use."""
    rules = {}
    for key in DATA_SETTINGS:
        if "/" in (settings.get(key) or ""):
            rules[settings[key].split("/", 1)[0]] = _data
    for folder in settings.get("STATIC_PATHS", ()):
        top = folder.split("/", 1)[0]
        rules[top] = _static(top, STATIC_KINDS.get(top, tuple(NAMES)))
    if settings.get("CAMPAIGNS_PATH"):
        rules[settings["CAMPAIGNS_PATH"]] = _campaign
    for folder in settings.get("ARTICLE_PATHS", []) + settings.get("PAGE_PATHS", []):
        rules[folder.split("/", 1)[0]] = _items
    return rules


def _items(root, rel):
    top, ext = rel.split("/", 1)[0], os.path.splitext(rel)[1].lower()
    if ext in READ_BY_PELICAN:
        return [ContentError(rel, t("only Markdown files (<slug>.<lang>.md) go in {folder}/: Pelican would read this "
                                    "{ending} file as a page, without the site's checks", folder=top, ending=ext),
                             hint=t("write it in Markdown as <slug>.<lang>.md, and delete this file"))]
    kind = kind_of_name(rel)
    if kind:
        where = "pdfs" if kind == "pdf" else "images"
        return [ContentError(rel, t("{kind} does not go in {folder}/: nothing there but Markdown is published",
                                    kind=NAMES[kind], folder=top),
                             hint=t("move it to content/{target}/ and link it as {{static}}/{target}/{file}",
                                    target=where, file=os.path.basename(rel)))]
    return [ContentError(rel, t("a file the site does not use: {folder}/ holds Markdown files (<slug>.<lang>.md) only",
                                folder=top),
                         hint=t("delete it, or move it where it belongs (images/, pdfs/)"))]


def _static(top, kinds):
    accepted = endings(kinds)

    def rule(root, rel):
        kind = kind_of_name(rel)
        if kind not in kinds:
            ext = os.path.splitext(rel)[1]
            elsewhere = [folder for folder, held in STATIC_KINDS.items() if kind in held]
            hint = (t("move it to content/{folder}/", folder=elsewhere[0]) if elsewhere else
                    t("delete it: what is in {folder}/ is published as it is, and a page or a script there "
                      "would run on the site", folder=top))
            if ext:
                message = t("a {ending} file cannot be published from {folder}/, which holds {endings} files only",
                            ending=ext, folder=top, endings=accepted)
            else:
                message = t("a file cannot be published from {folder}/, which holds {endings} files only",
                            folder=top, endings=accepted)
            return [ContentError(rel, message, hint=hint)]
        return _content(root, rel, kind)
    return rule


def _campaign(root, rel):
    parts = rel.split("/")
    if len(parts) == 2:
        return [ContentError(rel, t("a file directly in the campaigns folder is not used"),
                             hint=t("a campaign's files go in its own folder, {folder}/<campaign>/", folder=parts[0]))]
    if len(parts) > 3:
        return [ContentError(rel, t("a file in a campaign's sub-folder is not used"),
                             hint=t("put it directly in {folder}/ (campaign.yaml names files without a path)",
                                    folder="/".join(parts[:2])))]
    if parts[2] == CAMPAIGN_FILE:
        return []
    kind = kind_of_name(rel)
    if kind not in CAMPAIGN_IMAGES:
        return [ContentError(rel, t("a file a campaign does not use: a campaign folder holds campaign.yaml, its "
                                    "pages (<slug>.<lang>.md) and the logo and hero image ({endings})",
                                    endings=endings(CAMPAIGN_IMAGES)),
                             hint=t("delete it, or move it where it belongs"))]
    return _content(root, rel, kind)


def _data(root, rel):
    if rel.endswith(".yaml"):
        return []
    if rel.endswith((".yml", ".YAML", ".YML")):
        return [ContentError(rel, t("the build reads only files ending in .yaml: this one would be ignored"),
                             hint=t("rename it to {file}", file=os.path.splitext(rel)[0] + ".yaml"))]
    return [ContentError(rel, t("a file the site does not use: {folder}/ holds YAML files (….yaml) only",
                                folder=rel.split("/", 1)[0]),
                         hint=t("delete it, or move it where it belongs (images/, pdfs/)"))]


def _content(root, rel, kind):
    """The file's bytes are what its name says: an SVG that only draws, or a raster/PDF signature."""
    path = root / rel
    if kind == "svg":
        return [ContentError(rel, p.message, line=p.line, hint=p.hint) for p in check_svg(read(path))]
    problem = mismatch(path, rel, kind)
    return [problem] if problem else []


def _unreadable(rel, error):
    return ContentError(rel or ".", t("cannot be read ({reason})", reason=error.strerror or error),
                        hint=t("check that the file is yours and readable (its permissions)"))
