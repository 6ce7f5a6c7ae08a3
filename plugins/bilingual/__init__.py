"""bilingual: one build, every language — Arabic at /, others at /<lang>/.

The build itself is driven by build.build_site (see build.py for why); this door wires
the parts that run inside each language's Pelican.
"""

from pelican import signals

from .menu import set_main_menu
from .reader import CheckedMarkdownReader
from .templating import setup_environment
from .urls import freeze_urls


def use_checked_markdown(readers):
    # readers_init: swap in our reader before any file is read.
    readers.reader_classes["md"] = CheckedMarkdownReader
    readers.reader_classes["markdown"] = CheckedMarkdownReader


def install_theme_helpers(generator):
    # generator_init: every generator has its own Jinja environment, built just before this.
    setup_environment(generator.env, generator.settings)


def freeze_item_urls(generators):
    # all_generators_finalized: every generator has read its files; items' URLs are final, and so is the menu.
    freeze_urls(generators)
    set_main_menu(generators)


def register():
    signals.readers_init.connect(use_checked_markdown)
    signals.generator_init.connect(install_theme_helpers)
    signals.all_generators_finalized.connect(freeze_item_urls)
