"""Which item exists in which language, which languages it is meant for, and which translations
are older than their source.

Staleness comes from git history: an item's source is the language version committed
first; a translation is stale when the source was changed by a commit after the last
commit that changed the translation. Without git (an exported tree), nothing is called
stale. See docs/decisions/0003-build-checks.md.

An item is meant for every language of the site, unless its file says `Translation: none`
(this language only, on purpose) or it is a page of a campaign published in fewer languages
(`languages:` in its campaign.yaml).
"""

import subprocess
from dataclasses import dataclass, field

from babel import Locale

from bilingual.errors import ContentError
from messages import Text, t


class LanguageName(Text):
    """A language's name in the reader's language ('English', 'الإنجليزية'), from CLDR: no catalog needed.

    No __slots__ of its own: Text pickles the slots it finds on the instance's class.
    """

    def __init__(self, code):
        super().__init__("", {"code": code})

    def render(self, lang):
        code = self.values["code"]
        return Locale.parse(lang).languages.get(code, code)

    def __repr__(self):
        return f"LanguageName({self.values['code']!r})"


@dataclass
class ItemStatus:
    key: str  # the language-neutral path, e.g. 'publications/annual-report-2022/'
    sources: dict  # lang → source file, for the languages the item exists in
    source_lang: str = ""
    stale: list = field(default_factory=list)  # languages whose translation is older than the source
    urls: dict = field(default_factory=dict)  # lang → its page's URL from the site root ('en/news/first/')
    wanted: list = field(default_factory=list)  # the languages it is meant for (every language, unless on purpose)
    on_purpose: Text | None = None  # why it is meant for fewer languages, for the report
    declared: tuple = ()  # (file, line) of its 'Translation: none' line
    campaign: str = ""  # a campaign page: its campaign.yaml

    @property
    def missing(self):
        """The languages it is meant for but has no file in."""
        return [lang for lang in self.wanted if lang not in self.sources]


def git_history(content_path, folder="."):
    """{path relative to content_path: (first commit time, last commit time)} of the files in `folder`
    (relative to content_path); {} without git."""
    try:
        log = subprocess.run(["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--",
                              folder], cwd=content_path, capture_output=True, text=True, check=True).stdout
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


def file_lang(path):
    """'news/first.en.md' → 'en'."""
    return path.rsplit(".", 2)[-2]


def intent(status, items, languages):
    """Fill in which languages the item is meant for, and why fewer than every one."""
    status.wanted = list(languages)
    for path in status.sources.values():
        item = items.get(path)
        if item is None:
            continue
        if "translation" in item.header:  # 'Translation: none': bilingual.metadata accepts no other value
            status.wanted = [file_lang(path)]
            status.declared = (path, item.header["translation"][1])
            status.on_purpose = t("'Translation: none' in {file}", file=path)
            return
        if item.campaign:
            status.campaign = item.campaign
            if set(item.campaign_languages) != set(languages):
                status.wanted = [lang for lang in languages if lang in item.campaign_languages]
                status.on_purpose = t("its campaign is published in {languages} only ({file})",
                                      languages=[LanguageName(lang) for lang in status.wanted], file=item.campaign)


def item_statuses(index, history, main_lang, items=()):
    """ItemStatus for every item (an index entry with a source file), sorted by key.

    items: sitecheck.Item of every item read, for what its file says about its languages.
    """
    by_path = {item.path: item for item in items}
    keys = sorted({key for entries in index.entries.values() for key, entry in entries.items() if entry.source})
    statuses = []
    for key in keys:
        entries = {lang: index.entries[lang][key] for lang in index.languages
                   if key in index.entries[lang] and index.entries[lang][key].source}
        status = ItemStatus(key, {lang: entry.source for lang, entry in entries.items()},
                            urls={lang: entry.url for lang, entry in entries.items()})
        intent(status, by_path, index.languages)
        known = {lang: history[path] for lang, path in status.sources.items() if path in history}
        if len(known) == len(status.sources) > 1:
            # the first committed is the source; the main language wins a tie
            status.source_lang = min(known, key=lambda lang: (known[lang][0], lang != main_lang))
            changed = known[status.source_lang][1]
            status.stale = [lang for lang in status.sources
                            if lang != status.source_lang and known[lang][1] < changed]
        elif len(status.sources) == 1:
            status.source_lang = next(iter(status.sources))  # an item in one language is its own source
        statuses.append(status)
    return statuses


def translation_warnings(statuses):
    """[ContentError] for items missing a language they are meant for, and for stale translations."""
    found = []
    for status in statuses:
        missing = [LanguageName(lang) for lang in status.missing]
        if missing and len(status.sources) == 1:
            (lang, path), = status.sources.items()
            found.append(ContentError(path, t("this item exists in {language} only", language=LanguageName(lang)),
                                      hint=t("add its translation ({languages}): the same file name with the other "
                                             "language code; or, if it is meant for {language} readers only, add "
                                             "the line 'Translation: none' to its metadata",
                                             languages=missing, language=LanguageName(lang))))
        elif missing:
            for path in status.sources.values():
                found.append(ContentError(path, t("this item has no translation in {languages}", languages=missing),
                                          hint=t("add each as the same file name with that language code")))
        if status.declared and len(status.sources) > 1:
            path, line = status.declared
            others = [other for other in status.sources.values() if other != path]
            found.append(ContentError(path, t("'Translation: none' says this item has no translation, but it has: "
                                              "{files}", files=others), line=line,
                                      hint=t("remove the line 'Translation: none', or remove the translation")))
        for lang in status.stale:
            found.append(ContentError(status.sources[lang],
                                      t("this translation is older than its source ({source} was changed since)",
                                        source=status.sources[status.source_lang]),
                                      hint=t("bring the translation up to date, then commit it")))
    return found
