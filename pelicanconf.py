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
# Arabic month names: "levantine" (كانون الثاني), "both" (كانون الثاني (يناير)) or "transliterated" (يناير);
# why: docs/decisions/0009-arabic-month-names.md
ARABIC_MONTHS = "levantine"

# Content layout: content/<category>/<slug>.<lang>.md and content/pages/<slug>.<lang>.md
ARTICLE_PATHS = ["publications", "news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "pdfs"]
CATEGORIES = ["publications", "news"]  # the only allowed article folders, in menu order
MENU_PAGES = ["about", "goals", "activities"]
CAMPAIGNS_PATH = "campaigns"  # content/campaigns/<campaign>/: campaign.yaml + pages; see docs/campaigns.md  # page slugs shown in the main menu, in order
DEFAULT_PAGINATION = 10

# Controlled vocabularies (codes with a label per language), relative to PATH
TOPICS_FILE = "data/topics.yaml"
AUTHORS_FILE = "data/authors.yaml"

# Addresses never break (plugins/addresses, docs/decisions/0010-addresses-never-break.md), relative to PATH:
ADDRESSES_FILE = "data/addresses.txt"  # every address the live site published; `invoke publish` adds to it
REDIRECTS_FILE = "data/redirects.yaml"  # staff's answer for an address with no page: '/old/: /new/' or '/old/: gone'

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["bilingual", "publications", "charts", "privacy", "campaigns", "search", "images", "sharecards"]

# Feeds are written per language by the bilingual plugin's URL settings; no per-tag feeds.
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = True

# Builds must be byte-identical for the same input.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DEFAULT_DATE = None
WRITE_DRAFTS = True  # `Status: draft` items are built at /drafts/<slug>/ (publishconf.py turns this off)

# Violation data (charts): aggregated counts only, never personal case data. See docs/data-schema.md.
DATASETS_PATH = "data/violations"  # one YAML file per dataset, relative to PATH
DATASET_CODES_FILE = "data/violation-codes.yaml"  # every dimension's codes with their labels
# The dashboard (/data/): charts per dataset, in the chart-line syntax without the dataset;
# a chart is skipped for a dataset that lacks its dimensions.
DATA_DASHBOARD_CHARTS = [
    "kind=bar by=platform",
    "kind=bar by=type",
    "kind=stacked by=platform stack=status",
    "kind=column by=period",
    "kind=share by=platform share=status:restored where=type:content-removal",
]
DATA_DASHBOARD_SHARE = "kind=share by=platform share=status:restored where=type:content-removal"

# Mailing list sign-up (plugins/privacy, docs/privacy.md): the form posts straight to the list
# server, no script of theirs. STAFF: confirm the address and paste each list's UUID from listmonk.
MAILING_LIST = {
    "provider": "listmonk",  # "listmonk" (self-hosted) or "mailchimp"
    "url": "https://lists.7amleh.org",  # listmonk's root address; for mailchimp, the embed form's action
    "lists": {  # code → the provider's list id and a label per language, in the order shown
        "news": {"id": "5b3e3a2c-9d6f-4f43-8a51-1c2e7d9b0a01", "ar": "الأخبار والأنشطة", "en": "News and activities"},
        "publications": {"id": "a7c1d8e4-2b6f-4e0a-9c3d-5f8e1b2a4c02", "ar": "الإصدارات الجديدة",
                         "en": "New publications"},
        # A campaign's own list: campaign.yaml's call_to_action names it (sample campaign, sample UUID).
        "campaign-platforms": {"id": "c3f9e2b1-6d4a-4b8e-9f2c-7a1d5e8b3c03", "ar": "حملة أوقفوا التمييز الرقمي",
                               "en": "Campaign: Stop Digital Discrimination"},
    },
    "footer_lists": ["news", "publications"],  # what the one-field form in every footer subscribes to
    "frequency": {"ar": "مرتين في الشهر على الأكثر", "en": "at most twice a month"},
    "processor": {"ar": "حملة، على خادم قوائم خاص بها", "en": "7amleh, on its own list server"},
}
# Changes to plugins/privacy/headers.py DEFAULTS (CSP per directive). Tightening is free; anything that
# loosens them (but a new https host) must be listed in "loosen", and every build says so. docs/privacy.md
SECURITY_HEADERS = {}

# Build checks (plugins/sitecheck): files larger than these are reported (warnings; `--strict`: errors).
IMAGE_MAX_BYTES = 500_000
PDF_MAX_BYTES = 15_000_000
