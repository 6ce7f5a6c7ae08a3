"""images: every JPEG, PNG and WebP in the static folders becomes WebP variants at a few
widths plus a clean fallback; <img> tags get srcset, sizes, width, height and lazy loading."""

from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page

from .body import responsive_body
from .generator import ImageGenerator
from .raster import is_raster
from .sources import raster_source
from .templating import setup_environment


def make_images_responsive(instance):
    # content_object_init: the item's HTML exists with its {static} links still unresolved, so
    # Pelican goes on resolving (and checking) the fallback's src; a broken image names the line.
    if not isinstance(instance, (Article, Page)) or not hasattr(instance, "source_path"):
        return
    settings, where = instance.settings, getattr(instance, "source_rel", instance.source_path)
    header = getattr(instance, "header", {})
    if "cover" in header:  # publications checked that it exists; here, that it is an image
        value, line = header["cover"]
        raster_source(value.strip().lstrip("/"), settings, where, line)
    if "<img" in (instance._content or ""):
        text = Path(instance.source_path).read_text(encoding="utf-8")  # only to find lines
        instance._content = responsive_body(instance._content, text, instance.relative_dir, where, settings)


def take_over_rasters(generator):
    # static_generator_finalized: Pelican has listed the static files (and keeps them in
    # static_content, so {static} links resolve); we take the raster images out of its copying,
    # because copying them would publish the original, GPS position and all.
    kept, rasters = [], []
    for static in generator.staticfiles:
        (rasters if is_raster(static.source_path) else kept).append(static)
    generator.staticfiles[:] = kept
    generator.context["staticfiles"] = generator.staticfiles
    # The Static objects themselves: an {attach} link moves one's save_as while pages are written.
    generator.context["raster_images"] = sorted(rasters, key=lambda s: s.relative_source_path)


def add_generator(pelican):
    # get_generators: the variants are output Pelican does not make.
    return ImageGenerator


def install_theme_helpers(generator):
    # generator_init: every generator has its own Jinja environment; covers are drawn by templates.
    setup_environment(generator.env, generator.settings)


def register():
    signals.content_object_init.connect(make_images_responsive)
    signals.static_generator_finalized.connect(take_over_rasters)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(install_theme_helpers)
