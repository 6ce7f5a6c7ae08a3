"""The settings the site reads, checked before Pelican gets them: each mistake names the line.

Pelican takes what the settings file gives: a text where a number belongs ends in a traceback
deep in a generator, a list written as a text is silently replaced by Pelican's default, an
unknown plugin is skipped with a log line, and a path such as `STATIC_PATHS = ["../x"]` copies
files from outside the content folder and writes them beside the output. So the build checks,
once, before any Pelican runs: the kinds of value (SETTINGS), the time zone, the theme, the
plugins, and that every path stays inside the folder it belongs to (INSIDE). Every problem is
reported at once. Plain module: no Pelican import.
"""

import os
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from messages import LANGUAGES as MESSAGE_LANGUAGES
from messages import t

from .errors import ContentError
from .l10n import MONTH_STYLES
from .metadata import suggest
from .settingsfile import locate


@dataclass(frozen=True)
class Kind:
    what: object  # "must be …": a messages.Text
    accepts: object  # value → bool


def _count(value):
    return type(value) is int and value > 0  # type(): True is an int to Python, not to a person


TEXT = Kind(t("a text in quotes"), lambda v: isinstance(v, str))
TEXTS = Kind(t("a list of texts in quotes, in [ ]"),
             lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v))
COUNT = Kind(t("a whole number above 0"), _count)
COUNT_OR_FALSE = Kind(t("a whole number above 0, or False"), lambda v: v is False or _count(v))
COUNT_OR_NONE = Kind(t("a whole number above 0, or None"), lambda v: v is None or _count(v))
TEXT_OR_NONE = Kind(t("a text in quotes, or None"), lambda v: v is None or isinstance(v, str))
YES_NO = Kind(t("True or False"), lambda v: isinstance(v, bool))
TABLE = Kind(t("a dict in {{ }}"), lambda v: isinstance(v, dict))  # {{ }}: the template's way to write { }


@dataclass(frozen=True)
class Setting:
    kind: Kind
    example: str  # shown in the hint: NAME = example
    required: bool = False  # the build reads it with settings[NAME]: missing, it would end in a traceback
    why: object = ""  # a messages.Text: what the setting is for


# Every setting our build, plugins and templates read (Pelican's defaults fill the others).
SETTINGS = {
    "SITENAME": Setting(TEXT, '"7amleh"', True),
    "AUTHOR": Setting(TEXT, '"7amleh"', why=t("the default author: a code from AUTHORS_FILE")),
    "SITEURL": Setting(TEXT, '""', why=t('"" while developing (links start with /); the live address in '
                                         'publishconf.py')),
    "SITE_DOMAIN": Setting(TEXT, '"https://7amleh.org"', True, t("canonical links, feeds, the sitemap")),
    "PATH": Setting(TEXT, '"content"', why=t("the content folder, relative to the settings file")),
    "OUTPUT_PATH": Setting(TEXT, '"output"'),
    "CACHE_PATH": Setting(TEXT, '".cache/pelican"'),
    "THEME": Setting(TEXT, '"themes/base"', True, t("the theme's folder, relative to the settings file")),
    "THEME_STATIC_DIR": Setting(TEXT, '"theme"', why=t("where the theme's files go in the output")),
    "THEME_STATIC_PATHS": Setting(TEXTS, '["static"]'),
    "CAMPAIGN_THEMES_PATH": Setting(TEXT, '"themes"'),
    "TIMEZONE": Setting(TEXT, '"Asia/Jerusalem"', True, t("dates without a time zone are read in it")),
    "DEFAULT_LANG": Setting(TEXT, '"ar"', True),
    "MESSAGES_LANG": Setting(TEXT, '"ar"', why=t("the language of the build's messages; default: DEFAULT_LANG")),
    "LANGUAGES": Setting(TABLE, '{"ar": {…}, "en": {…}}', True),
    "NUMERALS": Setting(TEXT, '"latn"', True),
    "ARABIC_MONTHS": Setting(TEXT, '"levantine"', why=t("Arabic month names: levantine, both or transliterated")),
    "ARTICLE_PATHS": Setting(TEXTS, '["publications", "news"]'),
    "PAGE_PATHS": Setting(TEXTS, '["pages"]'),
    "STATIC_PATHS": Setting(TEXTS, '["images", "pdfs"]'),
    "CATEGORIES": Setting(TEXTS, '["publications", "news"]', True),
    "MENU_PAGES": Setting(TEXTS, '["about", "goals"]', why=t("page slugs, in menu order")),
    "CAMPAIGNS_PATH": Setting(TEXT, '"campaigns"', True),
    "DEFAULT_PAGINATION": Setting(COUNT_OR_FALSE, "10", why=t("items per listing page; False: all on one page")),
    "TOPICS_FILE": Setting(TEXT, '"data/topics.yaml"', True),
    "AUTHORS_FILE": Setting(TEXT, '"data/authors.yaml"', True),
    "ADDRESSES_FILE": Setting(TEXT, '"data/addresses.txt"', why=t("the ledger of published addresses")),
    "REDIRECTS_FILE": Setting(TEXT, '"data/redirects.yaml"', why=t("what a retired address does: a redirect or gone")),
    "PLUGIN_PATHS": Setting(TEXTS, '["plugins"]', True),
    "PLUGINS": Setting(TEXTS, '["bilingual", "publications"]', True),
    # None is Pelican's documented "every item"
    "FEED_MAX_ITEMS": Setting(COUNT_OR_NONE, "20", why=t("items per feed; None: every item")),
    "RSS_FEED_SUMMARY_ONLY": Setting(YES_NO, "True"),
    "CACHE_CONTENT": Setting(YES_NO, "False"),
    "LOAD_CONTENT_CACHE": Setting(YES_NO, "False"),
    "WRITE_DRAFTS": Setting(YES_NO, "True"),
    "RELATIVE_URLS": Setting(YES_NO, "False"),
    "DATASETS_PATH": Setting(TEXT, '"data/violations"', True),
    "DATASET_CODES_FILE": Setting(TEXT, '"data/violation-codes.yaml"', True),
    "DATA_DASHBOARD_CHARTS": Setting(TEXTS, '["kind=bar by=platform"]', True),
    "DATA_DASHBOARD_SHARE": Setting(TEXT_OR_NONE, '"kind=share by=platform share=status:restored"', True),
    "IMAGE_MAX_BYTES": Setting(COUNT, "500_000", True, t("larger images are reported")),
    "PDF_MAX_BYTES": Setting(COUNT, "15_000_000", True, t("larger PDFs are reported")),
    # Dicts whose plugin checks what is inside (unknown keys, values) with its own line numbers.
    "MAILING_LIST": Setting(TABLE, '{"provider": "listmonk", …}'),
    "SECURITY_HEADERS": Setting(TABLE, "{}"),
    "SEARCH": Setting(TABLE, "{}"),
    "IMAGES": Setting(TABLE, "{}"),
    "SHARE_CARDS": Setting(TABLE, "{}"),
    "PUBLISH": Setting(TABLE, '{"target": "server", "targets": {…}}'),
    "EXTRA_PATH_METADATA": Setting(TABLE, "{}"),
    "SETTINGS_FILE": Setting(TEXT, '"pelicanconf.py"'),
}

# Settings naming something inside a folder, by the setting that names the folder. Resolved
# (symbolic links followed), they must stay inside it: no absolute path, no `..` out of it.
CONTENT, THEME, OUTPUT = t("the content folder (PATH)"), t("the theme folder (THEME)"), t("the output folder")
INSIDE = {
    CONTENT: ("STATIC_PATHS", "ARTICLE_PATHS", "PAGE_PATHS", "TOPICS_FILE", "AUTHORS_FILE", "ADDRESSES_FILE",
              "REDIRECTS_FILE", "DATASETS_PATH",
              "DATASET_CODES_FILE", "CAMPAIGNS_PATH"),
    THEME: ("THEME_STATIC_PATHS",),
    OUTPUT: ("THEME_STATIC_DIR",),  # and every *_SAVE_AS, and EXTRA_PATH_METADATA's save_as (below)
}
# Folders the build deletes or empties: output/ is replaced whole, the cache keeps only its newest folders.
REPLACED = {"OUTPUT_PATH": "output", "CACHE_PATH": ".cache/pelican"}
TIMEZONE_HINT = t("a time zone name from the IANA list, e.g. 'Asia/Jerusalem', 'Asia/Gaza' or 'Asia/Hebron'")
CONTAINERS = {list: t("a list [ ]"), tuple: t("a tuple ( )"), dict: t("a dict {{ }}"), set: t("a set {{ }}")}


def describe(value):
    """What a person wrote, in words: 'the text "ten"', 'the number 5', 'a tuple ( )' …"""
    if isinstance(value, bool) or value is None:
        return str(value)  # True, False, None: as written
    if isinstance(value, str):
        return t('the text "{text}"', text=f'{value[:40]}{"…" if len(value) > 40 else ""}')
    if isinstance(value, (int, float)):
        return t("the number {number}", number=value)
    return CONTAINERS.get(type(value)) or t("a value of the Python type {type}", type=type(value).__name__)


def _also(message, suggestion):
    """The message, then '; did you mean …?' if there is a suggestion."""
    return t("{problem}; {suggestion}", problem=message, suggestion=suggestion) if suggestion else message


class Checker:
    def __init__(self, settings, settings_file, overrides=()):
        self.settings = settings
        self.settings_file = Path(settings_file)
        self.base = self.settings_file.resolve().parent  # Pelican resolves relative paths from here
        self.overrides = set(overrides)
        self.problems = []
        self.bad = set()  # settings with a problem already: later checks leave them alone

    def problem(self, message, name, *keys, hint=None):
        """A problem with NAME (or NAME[key]…), at the line where the settings file sets it."""
        path, line = locate(self.settings_file, name, *keys)
        self.problems.append(ContentError(path, t("{setting}: {problem}", setting=name, problem=message), line=line,
                                          hint=hint))
        self.bad.add(name)

    def good(self, name):
        return name in self.settings and name not in self.bad

    def folder(self, value):
        """A folder setting as Pelican resolves it: relative to the settings file."""
        return (self.base / value).resolve()

    def kinds(self):
        for name, setting in SETTINGS.items():
            if name not in self.settings:
                if setting.required:
                    self.problems.append(ContentError(self.settings_file.name,
                                                      t("{setting} is missing: the build needs it", setting=name),
                                                      hint=t("add a line {setting} = {example}", setting=name,
                                                             example=setting.example)))
                    self.bad.add(name)
                continue
            value = self.settings[name]
            if setting.kind.accepts(value):
                continue
            given = describe(value)
            if setting.kind is TEXTS and isinstance(value, list):
                index = next(i for i, item in enumerate(value) if not isinstance(item, str))
                given = t("a list whose item {number} is {value}", number=index + 1, value=describe(value[index]))
            example = {"setting": name, "example": setting.example}
            self.problem(t("must be {kind}; it is {value}", kind=setting.kind.what, value=given), name,
                         hint=t("e.g. {setting} = {example} ({why})", why=setting.why, **example) if setting.why
                         else t("e.g. {setting} = {example}", **example))

    def messages_language(self):
        """MESSAGES_LANG: a language the build's messages are written or translated in."""
        if not self.good("MESSAGES_LANG") or self.settings["MESSAGES_LANG"] in MESSAGE_LANGUAGES:
            return
        value = self.settings["MESSAGES_LANG"]
        self.problem(_also(t("the build's messages cannot be shown in '{value}'", value=value),
                           suggest(value, MESSAGE_LANGUAGES)), "MESSAGES_LANG",
                     hint=t('the messages exist in {languages}: e.g. MESSAGES_LANG = "ar" (or remove the line: '
                            'the messages are then in DEFAULT_LANG)', languages=list(MESSAGE_LANGUAGES)))

    def arabic_months(self):
        """ARABIC_MONTHS: which names Arabic dates give the months (docs/decisions/0009-arabic-month-names.md)."""
        if not self.good("ARABIC_MONTHS") or self.settings["ARABIC_MONTHS"] in MONTH_STYLES:
            return
        value = self.settings["ARABIC_MONTHS"]
        self.problem(_also(t("unknown month names '{value}'", value=value), suggest(value, MONTH_STYLES)),
                     "ARABIC_MONTHS", hint=t('one of {styles}: "levantine" (كانون الثاني), "both" '
                                             '(كانون الثاني (يناير)) or "transliterated" (يناير)',
                                             styles=list(MONTH_STYLES)))

    def timezone(self):
        if not self.good("TIMEZONE"):
            return
        name = self.settings["TIMEZONE"]
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Asia", a folder of zones
            self.problem(_also(t("unknown time zone '{zone}'", zone=name), suggest(name, zoneinfo.available_timezones())),
                         "TIMEZONE", hint=TIMEZONE_HINT)

    def theme(self):
        """The theme's folder, or None. Like Pelican: relative to the settings file, else to the current folder."""
        if not self.good("THEME"):
            return None
        value = self.settings["THEME"]
        found = next((p.resolve() for p in (self.base / value, Path(value)) if p.is_dir()), None)
        if found is None:
            parent = (self.base / value).parent
            close = (suggest(Path(value).name, [p.name for p in parent.iterdir() if p.is_dir()])
                     if parent.is_dir() else None)
            self.problem(_also(t("there is no theme folder '{folder}'", folder=value), close), "THEME",
                         hint=t('THEME is the theme\'s folder, relative to the settings file: e.g. THEME = "themes/base"'))
        elif not (found / "templates").is_dir():
            self.problem(t("'{folder}' has no templates/ folder: it is not a theme", folder=value), "THEME",
                         hint=t("point THEME at the folder that holds templates/ and static/, e.g. \"themes/base\""))
            return None
        return found

    def plugins(self):
        if not self.good("PLUGIN_PATHS"):
            return
        folders = []
        for value in self.settings["PLUGIN_PATHS"]:
            folder = self.folder(value)
            if folder.is_dir():
                folders.append(folder)
            else:
                self.problem(t("there is no folder '{value}' ({folder})", value=value, folder=folder), "PLUGIN_PATHS",
                             value, hint=t("PLUGIN_PATHS lists folders relative to the settings file, e.g. [\"plugins\"]"))
        if not self.good("PLUGINS") or "PLUGIN_PATHS" in self.bad:
            return
        for name in self.settings["PLUGINS"]:
            parts = name.split(".")
            if any((f.joinpath(*parts) / "__init__.py").is_file() or f.joinpath(*parts[:-1], parts[-1] + ".py").is_file()
                   for f in folders):
                continue
            present = [p.stem for f in folders for p in f.iterdir()
                       if (p / "__init__.py").is_file() or (p.suffix == ".py" and p.stem != "__init__")]
            missing = t("no plugin '{plugin}' in {folders}", plugin=name, folders=list(self.settings["PLUGIN_PATHS"]))
            self.problem(_also(missing, suggest(name, present)), "PLUGINS", name,
                         hint=t("a plugin is a folder with an __init__.py in one of PLUGIN_PATHS; "
                                "remove the name or fix its spelling"))

    def content_folder(self):
        if not self.good("PATH"):
            return None
        folder = self.folder(self.settings["PATH"])
        if folder.is_dir():
            return folder
        if "PATH" in self.overrides:  # the build was given the folder (`invoke build --content`)
            self.problems.append(ContentError(str(folder), t("the content folder does not exist"),
                                              hint=t("check the folder given with --content")))
        else:
            self.problem(t("the content folder '{value}' does not exist ({folder})", value=self.settings["PATH"],
                           folder=folder), "PATH", hint=t('PATH is relative to the settings file, e.g. PATH = "content"'))
        self.bad.add("PATH")
        return None

    def inside(self, name, value, root, place, *keys):
        """One path setting (or item) that must stay inside root."""
        if "\0" in value:
            self.problem(t("{value} is not a path (it holds a NUL character)", value=repr(value)), name, *keys,
                         hint=t("retype it"))
        elif os.path.isabs(value):
            self.problem(t("'{value}' is an absolute path; it must be relative to {folder}", value=value, folder=place),
                         name, *keys, hint=t("write the path from inside {folder}, e.g. \"images\" rather than "
                                             "\"/…/content/images\"", folder=place))
        elif not (root / value).resolve().is_relative_to(root):
            self.problem(t("'{value}' leads outside {folder}", value=value, folder=place), name, *keys,
                         hint=t("name something inside {folder}, without ../ (nor a link that leads out of it)",
                                folder=place))

    def paths(self, content, theme, output):
        roots = {CONTENT: content, THEME: theme, OUTPUT: output}
        for place, names in INSIDE.items():
            if roots[place] is None:
                continue
            for name in names:
                if not self.good(name):
                    continue
                value = self.settings[name]
                for item in value if isinstance(value, list) else [value]:
                    self.inside(name, item, roots[place], place, *([item] if isinstance(value, list) else []))
        if output is not None:
            for name in sorted(n for n in self.settings if n.endswith("_SAVE_AS") and isinstance(self.settings[n], str)):
                if self.settings[name]:
                    self.inside(name, self.settings[name], output, OUTPUT)
        extra = self.settings.get("EXTRA_PATH_METADATA") if self.good("EXTRA_PATH_METADATA") else None
        for key, meta in (extra or {}).items():
            if content is not None and isinstance(key, str):
                self.inside("EXTRA_PATH_METADATA", key, content, CONTENT, key)
            if output is not None and isinstance(meta, dict) and isinstance(meta.get("save_as"), str):
                self.inside("EXTRA_PATH_METADATA", meta["save_as"], output, OUTPUT, key, "save_as")

    def replaced(self, content, output):
        """Folders the build deletes must be none of: the content, the repository, a folder holding either."""
        if output is not None:  # the folder the build was given (`invoke build --output`)
            self.replaced_one(output, content, None, REPLACED["OUTPUT_PATH"])
        for name, default in REPLACED.items():
            if self.good(name) and self.folder(self.settings[name]) != output:
                self.replaced_one(self.folder(self.settings[name]), content, name, default)

    def replaced_one(self, folder, content, name, default):
        what = t("the output folder") if name in (None, "OUTPUT_PATH") else t("the cache folder")
        # the folder as the message names it: "the output folder", or the value the setting has
        subject = what if name is None else f"'{self.settings[name]}'"
        if content is not None and folder == content:
            wrong = t("{folder} is the content folder", folder=subject)
        elif folder == self.base:
            wrong = t("{folder} is the repository's folder (where the settings file is)", folder=subject)
        elif content is not None and folder in content.parents:
            wrong = t("{folder} holds the content folder", folder=subject)
        elif folder in self.base.parents:
            wrong = t("{folder} holds the repository's folder", folder=subject)
        elif content is not None and content in folder.parents:
            wrong = t("{folder} is inside the content folder", folder=subject)
        else:
            return
        hint = t("the build deletes and replaces {folder} as a whole: give it a folder of its own, "
                 "e.g. {default}/ beside the settings file", folder=what, default=default)
        if name is None:
            self.problems.append(ContentError(str(folder), wrong, hint=hint))
        else:
            self.problem(wrong, name, hint=hint)


def check_settings(settings, settings_file, overrides=(), output=None):
    """[ContentError] for every mistake in settings (the file's values with the build's overrides).

    `output`: the folder the build was told to write to, if any (it replaces OUTPUT_PATH).
    """
    checker = Checker(settings, settings_file, overrides)
    checker.kinds()
    checker.messages_language()
    checker.arabic_months()
    checker.timezone()
    theme = checker.theme()
    checker.plugins()
    content = checker.content_folder()
    given = Path(output).resolve() if output is not None else None
    if given is None and "OUTPUT_PATH" in checker.bad:
        output_folder = None
    else:
        output_folder = given or checker.folder(settings.get("OUTPUT_PATH", REPLACED["OUTPUT_PATH"]))
    checker.paths(content, theme, output_folder)
    checker.replaced(content, given)
    return checker.problems
