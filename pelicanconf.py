"""Settings for the 7amleh site (development). Production overrides live in publishconf.py."""

AUTHOR = "7amleh"
SITENAME = "7amleh"
SITEURL = ""  # links are root-relative while developing
SITE_DOMAIN = "https://7amleh.org"  # absolute base for canonical links, feeds, sitemap, OpenGraph
FEED_DOMAIN = SITE_DOMAIN  # feeds carry absolute links even while developing
PATH = "content"
THEME = "themes/base"
TIMEZONE = "Asia/Jerusalem"

# Languages: the default one lives at /, every other one at /<code>/.
DEFAULT_LANG = "ar"
LANGUAGES = {
    "ar": {"name": "العربية", "dir": "rtl", "locale": "ar", "og_locale": "ar_AR"},
    "en": {"name": "English", "dir": "ltr", "locale": "en", "og_locale": "en_GB"},
}
NUMERALS = "latn"  # digits in dates and numbers: "latn" (0-9) or "arab" (٠-٩)

# Content layout: content/<category>/<slug>.<lang>.md and content/pages/<slug>.<lang>.md
ARTICLE_PATHS = ["publications", "news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "pdfs"]
CATEGORIES = ["publications", "news"]  # the only allowed article folders, in menu order
MENU_PAGES = ["about", "goals", "activities"]  # page slugs shown in the main menu, in order
DEFAULT_PAGINATION = 10

# Controlled vocabularies (codes with a label per language), relative to PATH
TOPICS_FILE = "data/topics.yaml"
AUTHORS_FILE = "data/authors.yaml"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["bilingual", "publications", "search"]

# Feeds are written per language by the bilingual plugin's URL settings; no per-tag feeds.
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = True

# Builds must be byte-identical for the same input.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DEFAULT_DATE = None
