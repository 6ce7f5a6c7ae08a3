"""charts: violation datasets become SVG charts, tables and CSVs, in Markdown and at /data/."""

from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page

from .embed import embed_charts
from .generator import DataGenerator
from .mdextension import NAME as CHART_LINES_EXTENSION
from .store import load_store
from .templating import setup_environment


def use_chart_lines_extension(pelican):
    # initialized: before any reader builds its Markdown, so every item's chart lines get
    # the empty lines around them that make each a paragraph of its own.
    extensions = pelican.settings["MARKDOWN"].setdefault("extensions", [])
    if CHART_LINES_EXTENSION not in extensions:
        extensions.append(CHART_LINES_EXTENSION)


def find_charts(instance):
    # content_object_init: the item's HTML exists and its source file is known, so a chart
    # line naming a wrong dataset or dimension stops the build with the file and line.
    if not isinstance(instance, (Article, Page)):
        return
    instance.charts = []
    # The source, not the HTML, says whether there is a chart line: a misplaced one may have
    # left no trace in the HTML (in a heading, attr_list reads it as attributes).
    source = Path(instance.source_path).read_text(encoding="utf-8")
    if "{chart" not in source:
        return
    instance._content, instance.charts = embed_charts(
        instance._content, source, getattr(instance, "source_rel", instance.source_path), load_store(instance.settings))


def add_dashboard(pelican):
    # get_generators: /data/ and the CSV files are output Pelican does not make.
    return DataGenerator


def install_theme_helpers(generator):
    setup_environment(generator.env, generator.settings)


def register():
    signals.initialized.connect(use_chart_lines_extension)
    signals.content_object_init.connect(find_charts)
    signals.get_generators.connect(add_dashboard)
    signals.generator_init.connect(install_theme_helpers)
