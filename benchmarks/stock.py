"""Stock Pelican — default theme, no plugins — on the benchmark corpus, in this process.

The settings are only what any bilingual Pelican site needs to read the corpus as it is
meant: slug and language from the file name (`<slug>.<lang>.md`), so every English file is
the translation of its Arabic one; articles in the category folders, pages in pages/ and the
campaigns' folders (their path is their slug: every campaign has an `index` page).
"""

import contextlib
import io
import logging
from pathlib import Path

from blinker import Signal
from pelican import Pelican
from pelican.plugins import signals
from pelican.settings import read_settings


def stock_settings(content, output):
    return {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "SITENAME": "7amleh",
        "DEFAULT_LANG": "ar",
        "TIMEZONE": "Asia/Jerusalem",
        "SITEURL": "",
        "FEED_DOMAIN": "https://7amleh.org",
        "PLUGINS": [],
        "STATIC_PATHS": [],
        "ARTICLE_PATHS": ["publications", "news"],
        "PAGE_PATHS": ["pages", "campaigns"],
        "PATH_METADATA": r"(?P<slug>.+)\.(?P<lang>[a-z]{2})\.md",
        "ARTICLE_SAVE_AS": "{slug}/index.html",
        "ARTICLE_URL": "{slug}/",
        "ARTICLE_LANG_SAVE_AS": "{lang}/{slug}/index.html",
        "ARTICLE_LANG_URL": "{lang}/{slug}/",
        "PAGE_SAVE_AS": "{slug}/index.html",
        "PAGE_URL": "{slug}/",
        "PAGE_LANG_SAVE_AS": "{lang}/{slug}/index.html",
        "PAGE_LANG_URL": "{lang}/{slug}/",
        "DELETE_OUTPUT_DIRECTORY": True,
    }


@contextlib.contextmanager
def without_plugins():
    """Pelican's signals are global: our plugins' handlers, connected by our builds in this
    process, would run inside stock Pelican too. Mute every signal for the stock build (Pelican
    itself connects no handler, so stock loses nothing); our next build finds them as they were."""
    with contextlib.ExitStack() as stack:
        for name in dir(signals):
            signal = getattr(signals, name)
            if isinstance(signal, Signal):
                stack.enter_context(signal.muted())
        yield


class Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_stock(content, output):
    """One stock build; returns the warnings Pelican logged (shown once, not per round)."""
    counter = Counter()
    pelican_log = logging.getLogger("pelican")
    pelican_log.addHandler(counter)
    pelican_log.propagate = False  # Pelican's warnings about our corpus are counted, not printed each round
    try:
        with without_plugins(), contextlib.redirect_stdout(io.StringIO()):  # its "Done: Processed …" line
            Pelican(read_settings(None, override=stock_settings(content, Path(output)))).run()
    finally:
        pelican_log.removeHandler(counter)
        pelican_log.propagate = True
    return counter.messages
