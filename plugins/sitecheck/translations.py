"""Which item exists in which language, and which translations are older than their source.

Staleness comes from git history: an item's source is the language version committed
first; a translation is stale when the source was changed by a commit after the last
commit that changed the translation. Without git (an exported tree), nothing is called
stale. See docs/decisions/0003-build-checks.md.
"""

import subprocess
from dataclasses import dataclass, field

from bilingual.errors import ContentError


@dataclass
class ItemStatus:
    key: str  # the language-neutral path, e.g. 'publications/annual-report-2022/'
    sources: dict  # lang → source file, for the languages the item exists in
    source_lang: str = ""
    stale: list = field(default_factory=list)  # languages whose translation is older than the source


def git_history(content_path):
    """{path relative to content_path: (first commit time, last commit time)}; {} without git."""
    try:
        log = subprocess.run(["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--", "."],
                             cwd=content_path, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    history, when = {}, None
    for line in log.splitlines():
        if line.startswith("\x00"):
            when = int(line[1:])
        elif line and when is not None:
            first, last = history.get(line, (when, when))
            history[line] = (min(first, when), max(last, when))
    return history


def item_statuses(index, history, main_lang):
    """ItemStatus for every item (an index entry with a source file), sorted by key."""
    keys = sorted({key for entries in index.entries.values() for key, entry in entries.items() if entry.source})
    statuses = []
    for key in keys:
        sources = {lang: index.entries[lang][key].source for lang in index.languages
                   if key in index.entries[lang] and index.entries[lang][key].source}
        status = ItemStatus(key, sources)
        known = {lang: history[path] for lang, path in sources.items() if path in history}
        if len(known) == len(sources) > 1:
            # the first committed is the source; the main language wins a tie
            status.source_lang = min(known, key=lambda lang: (known[lang][0], lang != main_lang))
            changed = known[status.source_lang][1]
            status.stale = [lang for lang in sources if lang != status.source_lang and known[lang][1] < changed]
        statuses.append(status)
    return statuses


def translation_warnings(statuses, language_names):
    found = []
    for status in statuses:
        if len(status.sources) == 1:
            (lang, path), = status.sources.items()
            missing = [name for code, name in language_names.items() if code not in status.sources]
            found.append(ContentError(path, f"this item exists in {language_names[lang]} only",
                                      hint=f"add a translation ({', '.join(missing)}) as the same file name with "
                                           "the other language code, if it should have one"))
        for lang in status.stale:
            found.append(ContentError(status.sources[lang], "this translation is older than its source "
                                      f"({status.sources[status.source_lang]} was changed since)",
                                      hint="bring the translation up to date, then commit it"))
    return found
