"""charts: violation datasets become SVG charts, tables and CSVs, in Markdown and at /data/."""

from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page

from .embed import embed_charts
from .generator import DataGenerator
from .store import load_store
from .templating import setup_environment


def find_charts(instance):
    # content_object_init: the item's HTML exists and its source file is known, so a chart
    # line naming a wrong dataset or dimension stops the build with the file and line.
    if not isinstance(instance, (Article, Page)):
        return
    instance.charts = []
    if "{chart" not in (instance._content or ""):
        return
    source = Path(instance.source_path).read_text(encoding="utf-8")
    instance._content, instance.charts = embed_charts(
        instance._content, source, getattr(instance, "source_rel", instance.source_path), load_store(instance.settings))


def add_dashboard(pelican):
    # get_generators: /data/ and the CSV files are output Pelican does not make.
    return DataGenerator


def install_theme_helpers(generator):
    setup_environment(generator.env, generator.settings)


def register():
    signals.content_object_init.connect(find_charts)
    signals.get_generators.connect(add_dashboard)
    signals.generator_init.connect(install_theme_helpers)
