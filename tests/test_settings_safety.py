"""Every mistake in the settings file stops the build as `pelicanconf.py:<line>: what`, with how to
fix it, before anything is built: no traceback, output/ as it was (issue 14, the settings part)."""

import os
import shutil
import subprocess
import sys

import pytest

from bilingual.build import build_site
from bilingual.errors import BuildError
from conftest import ROOT, TinySite, tree_digest
from pelicanconf import PLUGINS as SITE_PLUGINS

GOOD = {
    "news/first.en.md": "Title: First news\nDate: 2023-02-20\nSummary: A first item.\n\nBody.\n",
    "news/first.ar.md": "Title: الخبر الأول\nDate: 2023-02-20\nSummary: خبر أول.\n\nنص.\n",
    "pages/about.en.md": "Title: About\n\nAbout us.\n",
}
THEMES, PLUGINS = ROOT / "themes", ROOT / "plugins"
APPENDED = (ROOT / "pelicanconf.py").read_text(encoding="utf-8").count("\n") + 3  # lines before what a case appends


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One tiny site, built once: every case below stops before writing anything."""
    site = TinySite(tmp_path_factory.mktemp("settings-safety")).write(GOOD)
    site.build()
    return site


def settings_copy(folder, appended, base=None):
    """pelicanconf.py copied into folder with `appended` at its end; (path, text)."""
    base = base if base is not None else (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    # a copy elsewhere: its relative theme and plugin paths must still reach the repository's
    text = f'{base}\nTHEME = "{THEMES / "base"}"\nPLUGIN_PATHS = ["{PLUGINS}"]\n{appended}'
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pelicanconf.py"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text, marker, after=APPENDED):
    """The first line holding marker after line `after` (by default: in what a case appended)."""
    return next(n for n, content in enumerate(text.splitlines(), 1) if marker in content and n > after)


def stops(built, settings, **kwargs):
    """The message of the BuildError the build stops with; output/ must be unchanged."""
    before = tree_digest(built.output)
    with pytest.raises(BuildError) as caught:
        build_site(settings, content=kwargs.pop("content", built.content), output=kwargs.pop("output", built.output))
    message = str(caught.value)
    assert "Traceback" not in message
    assert tree_digest(built.output) == before
    assert not list(built.root.glob(".output-build-*")), "the staging folder was not cleaned up"
    return message


# name: (appended to a copy of pelicanconf.py, text on the line the message must name, its words, the hint's words)
BROKEN = {
    # Python cannot read the file
    "unclosed bracket": ('STATIC_PATHS = ["images", "pdfs"\nPDF_MAX_BYTES = 1_000\n', 'STATIC_PATHS = ["images"',
                         "not valid Python: '[' was never closed", "a bracket opened on this line is never closed"),
    "unclosed quote": ('SITENAME = "7amleh\n', 'SITENAME = "7amleh', "unterminated string literal",
                       "a text in quotes is not closed"),
    "curly quotes": ("SITENAME = “7amleh”\n", "SITENAME = “", "invalid character", "curly quotes"),
    "missing comma": ('SEARCH = {"shard_bytes": 40_000 "x": 1}\n', "SEARCH = {", "Perhaps you forgot a comma",
                      "separated by commas"),
    "indented setting": ("  DEFAULT_PAGINATION = 5\n", "  DEFAULT_PAGINATION", "unexpected indent",
                         "remove the spaces or tab"),
    # Python reads it, but running it fails
    "misspelt name": ("WRITE_DRAFTS = Ture\n", "= Ture", "'Ture' is not defined", "did you mean 'True'?"),
    "text without quotes": ('SITENAME = "x"\nAUTHOR = sevenhamleh\n', "AUTHOR = sevenhamleh",
                            "'sevenhamleh' is not defined", 'a text needs quotes'),
    "impossible arithmetic": ("IMAGE_MAX_BYTES = 500_000 // 0\n", "IMAGE_MAX_BYTES = 500_000 // 0",
                              "ZeroDivisionError", "cannot be computed"),
    "unknown module": ("import yamll\n", "import yamll", "cannot import", "Python's own modules"),
    # a value of the wrong kind
    "pagination in words": ('DEFAULT_PAGINATION = "ten"\n', 'DEFAULT_PAGINATION = "ten"',
                            'DEFAULT_PAGINATION: must be a whole number above 0, or False; it is the text "ten"',
                            "e.g. DEFAULT_PAGINATION = 10"),
    "no feed items": ("FEED_MAX_ITEMS = 0\n", "FEED_MAX_ITEMS = 0", "FEED_MAX_ITEMS: must be a whole number above 0",
                      "FEED_MAX_ITEMS = 20"),
    "image limit in words": ('IMAGE_MAX_BYTES = "500 kB"\n', "IMAGE_MAX_BYTES =",
                             'IMAGE_MAX_BYTES: must be a whole number above 0; it is the text "500 kB"', "500_000"),
    "PDF limit True": ("PDF_MAX_BYTES = True\n", "PDF_MAX_BYTES = True", "PDF_MAX_BYTES: must be a whole number above 0; "
                       "it is True", "PDF_MAX_BYTES = 15_000_000"),
    "static paths as one text": ('STATIC_PATHS = "images"\n', 'STATIC_PATHS = "images"',
                                 'STATIC_PATHS: must be a list of texts in quotes, in [ ]; it is the text "images"',
                                 'STATIC_PATHS = ["images", "pdfs"]'),
    "a number among the plugins": ("PLUGINS = [*PLUGINS, 7]\n", "PLUGINS = [*PLUGINS, 7]",
                                   "PLUGINS: must be a list of texts in quotes, in [ ]; it is a list whose item "
                                   f"{len(SITE_PLUGINS) + 1} is the number 7",
                                   "e.g. PLUGINS ="),
    "categories in a tuple": ('CATEGORIES = ("publications", "news")\n', "CATEGORIES = (",
                              "CATEGORIES: must be a list of texts in quotes, in [ ]; it is a tuple", 'CATEGORIES = ["publications", "news"]'),
    "no site URL": ("SITEURL = None\n", "SITEURL = None", "SITEURL: must be a text in quotes; it is None", 'SITEURL = ""'),
    "domain in a list": ('SITE_DOMAIN = ["https://7amleh.org"]\n', "SITE_DOMAIN = [", "SITE_DOMAIN: must be a text",
                         'SITE_DOMAIN = "https://7amleh.org"'),
    "topics file number": ("TOPICS_FILE = 5\n", "TOPICS_FILE = 5", "TOPICS_FILE: must be a text in quotes; it is the number 5",
                           "data/topics.yaml"),
    "drafts in words": ('WRITE_DRAFTS = "yes"\n', 'WRITE_DRAFTS = "yes"', "WRITE_DRAFTS: must be True or False", "True"),
    "time zone a number": ("TIMEZONE = 2\n", "TIMEZONE = 2", "TIMEZONE: must be a text in quotes", "Asia/Jerusalem"),
    "mailing list a list": ("MAILING_LIST = []\n", "MAILING_LIST = []", "MAILING_LIST: must be a dict in { }", "provider"),
    # a value of the right kind that cannot work
    "unknown message language": ('MESSAGES_LANG = "arb"\n', 'MESSAGES_LANG = "arb"',
                                 "MESSAGES_LANG: the build's messages cannot be shown in 'arb'; did you mean 'ar'?",
                                 'MESSAGES_LANG = "ar"'),
    "misspelt month names": ('ARABIC_MONTHS = "levant"\n', 'ARABIC_MONTHS = "levant"',
                             "ARABIC_MONTHS: unknown month names 'levant'; did you mean 'levantine'?", '"both"'),
    "misspelt time zone": ('TIMEZONE = "Asia/Jerusalm"\n', "TIMEZONE = \"Asia/Jerusalm\"",
                           "TIMEZONE: unknown time zone 'Asia/Jerusalm'; did you mean 'Asia/Jerusalem'?", "'Asia/Gaza'"),
    "time zone without region": ('TIMEZONE = "Hebron"\n', 'TIMEZONE = "Hebron"', "unknown time zone 'Hebron'",
                                 "'Asia/Hebron'"),
    "misspelt theme": (f'THEME = "{THEMES / "bse"}"\n', "bse", "bse'; did you mean 'base'?",
                       "THEME is the theme's folder, relative to the settings file"),
    "theme without templates": (f'THEME = "{THEMES}"\n', f'THEME = "{THEMES}"', "has no templates/ folder",
                                "the folder that holds templates/"),
    "misspelt plugin": ('PLUGINS = [\n    *PLUGINS,\n    "serch",\n]\n', '"serch"', f"PLUGINS: no plugin 'serch' in {PLUGINS}; "
                        "did you mean 'search'?", "a plugin is a folder with an __init__.py"),
    "missing plugin folder": (f'PLUGIN_PATHS = ["{PLUGINS}", "{ROOT / "more-plugins"}"]\n', "more-plugins",
                              "PLUGIN_PATHS: there is no folder", "relative to the settings file"),
    # paths that leave the folder they belong to
    "static files from outside": ('STATIC_PATHS = [\n    "images",\n    "../secrets",\n]\n', '"../secrets"',
                                  "STATIC_PATHS: '../secrets' leads outside the content folder (PATH)", "without ../"),
    "articles from an absolute path": ('ARTICLE_PATHS = ["news", "/etc"]\n', 'ARTICLE_PATHS = ["news", "/etc"]',
                                       "ARTICLE_PATHS: '/etc' is an absolute path; it must be relative to the content folder",
                                       "from inside the content folder"),
    "pages from above": ('PAGE_PATHS = ["pages/../.."]\n', "PAGE_PATHS", "'pages/../..' leads outside the content folder",
                         "without ../"),
    "topics from outside": ('TOPICS_FILE = "../../../etc/passwd"\n', "TOPICS_FILE =", "TOPICS_FILE: '../../../etc/passwd' "
                            "leads outside the content folder", "without ../"),
    "authors from an absolute path": ('AUTHORS_FILE = "/etc/passwd"\n', "AUTHORS_FILE =", "AUTHORS_FILE: '/etc/passwd' is "
                                      "an absolute path", "from inside the content folder"),
    "datasets from outside": ('DATASETS_PATH = "data/../../x"\n', "DATASETS_PATH =", "DATASETS_PATH: 'data/../../x' leads "
                              "outside", "without ../"),
    "codes from outside": ('DATASET_CODES_FILE = "../codes.yaml"\n', "DATASET_CODES_FILE =",
                           "DATASET_CODES_FILE: '../codes.yaml' leads outside", "without ../"),
    "campaigns from above": ('CAMPAIGNS_PATH = ".."\n', 'CAMPAIGNS_PATH = ".."', "CAMPAIGNS_PATH: '..' leads outside",
                             "without ../"),
    "theme files from outside the theme": ('THEME_STATIC_PATHS = ["static", "../.."]\n', "THEME_STATIC_PATHS",
                                           "THEME_STATIC_PATHS: '../..' leads outside the theme folder (THEME)",
                                           "without ../"),
    "theme files written outside the output": ('THEME_STATIC_DIR = "../theme"\n', "THEME_STATIC_DIR",
                                               "THEME_STATIC_DIR: '../theme' leads outside the output folder", "without ../"),
    "pages written outside the output": ('DRAFT_PAGE_SAVE_AS = "../drafts/{slug}.html"\n', "DRAFT_PAGE_SAVE_AS",
                                         "DRAFT_PAGE_SAVE_AS: '../drafts/{slug}.html' leads outside the output folder",
                                         "without ../"),
    "extra metadata from outside": ('EXTRA_PATH_METADATA = {\n    "../robots.txt": {"path": "robots.txt"},\n}\n',
                                    '"../robots.txt"', "EXTRA_PATH_METADATA: '../robots.txt' leads outside the content folder",
                                    "without ../"),
    # folders the build replaces as a whole
    "output in the repository's folder": ('OUTPUT_PATH = "."\n', 'OUTPUT_PATH = "."',
                                          "OUTPUT_PATH: '.' is the repository's folder", "a folder of its own"),
    "output above the repository": ('OUTPUT_PATH = ".."\n', 'OUTPUT_PATH = ".."',
                                    "OUTPUT_PATH: '..' holds the repository's folder", "deletes and replaces"),
    "cache at the root": ('CACHE_PATH = "/"\n', 'CACHE_PATH = "/"', "CACHE_PATH: '/' holds the content folder",
                          "the cache folder"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_settings_mistake_names_pelicanconf_and_the_line(built, tmp_path, case):
    appended, marker, words, hint = BROKEN[case]
    settings, text = settings_copy(tmp_path / "settings", appended)
    line = line_of(text, marker)
    message = stops(built, settings)
    assert f"pelicanconf.py:{line}: " in message, message
    assert words in message, message
    assert "how to fix: " in message and hint in message.split("how to fix: ", 1)[1], message


def test_output_set_to_the_content_folder_names_the_setting(built, tmp_path):
    settings, text = settings_copy(tmp_path / "settings", f'OUTPUT_PATH = "{built.content}"\n')
    message = stops(built, settings)
    assert f"pelicanconf.py:{line_of(text, 'OUTPUT_PATH =')}: OUTPUT_PATH: '{built.content}' is the content folder" in message


@pytest.mark.parametrize("where, words", [
    ("content", "the output folder is the content folder"),
    ("content/news", "the output folder is inside the content folder"),
    ("", "the output folder holds the content folder"),
])
def test_an_output_folder_that_would_replace_the_content_stops_the_build(built, where, words):
    output = built.root / where if where else built.root
    before = tree_digest(built.root)
    with pytest.raises(BuildError) as caught:
        build_site(ROOT / "pelicanconf.py", content=built.content, output=output)
    assert f"{output.resolve()}: {words}" in str(caught.value)
    assert tree_digest(built.root) == before


def test_a_path_that_leaves_the_content_folder_through_a_link_stops_the_build(built, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for publishing", encoding="utf-8")
    link = built.content / "linked"
    link.symlink_to(outside, target_is_directory=True)
    try:
        settings, text = settings_copy(tmp_path / "settings", 'STATIC_PATHS = ["images", "linked"]\n')
        message = stops(built, settings)
    finally:
        link.unlink()
    assert f"pelicanconf.py:{line_of(text, 'STATIC_PATHS = [')}: STATIC_PATHS: 'linked' leads outside" in message


def test_a_missing_setting_is_named(built, tmp_path):
    settings, _ = settings_copy(tmp_path / "settings", "del SITE_DOMAIN\n")
    message = stops(built, settings)
    assert "pelicanconf.py: SITE_DOMAIN is missing: the build needs it" in message
    assert 'how to fix: add a line SITE_DOMAIN = "https://7amleh.org"' in message


def test_every_settings_mistake_is_reported_at_once(built, tmp_path):
    settings, _ = settings_copy(tmp_path / "settings", 'DEFAULT_PAGINATION = "ten"\nTIMEZONE = "Mars/Olympus"\n'
                                                       'STATIC_PATHS = ["../x"]\n')
    message = stops(built, settings)
    assert "3 problems" in message
    assert "DEFAULT_PAGINATION" in message and "Mars/Olympus" in message and "'../x'" in message


def publish_pair(folder, pelicanconf_extra="", publishconf_extra=""):
    """publishconf.py beside a copy of pelicanconf.py, as in the repository; (publishconf, texts)."""
    _, base_text = settings_copy(folder, pelicanconf_extra)
    publish = (ROOT / "publishconf.py").read_text(encoding="utf-8") + publishconf_extra
    (folder / "publishconf.py").write_text(publish, encoding="utf-8")
    return folder / "publishconf.py", base_text, publish


def test_a_mistake_in_the_file_publishconf_imports_names_that_file(built, tmp_path):
    settings, base_text, _ = publish_pair(tmp_path / "settings", pelicanconf_extra="SITENAME = [\n")
    message = stops(built, settings)
    assert f"pelicanconf.py:{line_of(base_text, 'SITENAME = [')}: this line is not valid Python" in message
    settings, base_text, _ = publish_pair(tmp_path / "settings2", pelicanconf_extra="AUTHOR = Hamleh\n")
    message = stops(built, settings)
    assert f"pelicanconf.py:{line_of(base_text, 'AUTHOR = Hamleh')}: this line fails when the settings are read: " \
           "'Hamleh' is not defined" in message


def test_a_mistake_in_publishconf_names_publishconf(built, tmp_path):
    settings, _, publish = publish_pair(tmp_path / "settings", publishconf_extra='SITEURL = "https://7amleh.org\n')
    message = stops(built, settings)
    line = line_of(publish, 'SITEURL = "https://7amleh.org\n'.strip(), 10)
    assert f"publishconf.py:{line}: this line is not valid Python: unterminated string literal" in message
    settings, _, publish = publish_pair(tmp_path / "settings2", publishconf_extra="WRITE_DRAFTS = Flase\n")
    message = stops(built, settings)
    assert f"publishconf.py:{line_of(publish, 'Flase', 0)}: " in message and "did you mean 'False'?" in message


def test_settings_that_publishconf_changes_are_located_there(built, tmp_path):
    settings, _, publish = publish_pair(tmp_path / "settings", publishconf_extra='STATIC_PATHS = ["../../"]\n')
    message = stops(built, settings)
    assert f"publishconf.py:{line_of(publish, 'STATIC_PATHS', 0)}: STATIC_PATHS: '../../' leads outside" in message


@pytest.fixture
def repository(tmp_path):
    """A copy of the repository's commands with a broken pelicanconf.py (plugins and themes linked)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("tasks.py", "publishconf.py"):
        shutil.copy2(ROOT / name, repo / name)
    for name in ("plugins", "themes", "deploy", "tooling"):
        (repo / name).symlink_to(ROOT / name, target_is_directory=True)
    base = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    text = base + 'MENU_PAGES = ["about", "goals",\nDEFAULT_PAGINATION = 10\n'
    (repo / "pelicanconf.py").write_text(text, encoding="utf-8")
    return repo, line_of(text, 'MENU_PAGES = ["about", "goals",', base.count("\n"))


@pytest.mark.parametrize("command", ["build", "headers", "publish --dry-run"])
def test_invoke_stops_on_a_syntax_error_with_the_line_and_no_traceback(built, repository, command):
    repo, line = repository
    args = command.split()
    if command == "build":
        args += ["--content", str(built.content), "--output", str(built.output)]
    before = tree_digest(built.output)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-m", "invoke", *args], cwd=repo, capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stderr
    assert f"pelicanconf.py:{line}: this line is not valid Python: '[' was never closed" in result.stderr
    assert "how to fix: a bracket opened on this line is never closed" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(built.output) == before
    assert not (repo / "docs").exists()  # `invoke headers` wrote nothing
