"""An item's HTML with its {static} raster images made responsive (no Pelican import)."""

from pathlib import PurePosixPath

from .markup import responsive_tag, rewrite_images
from .settings import image_settings
from .sources import linked_path, raster_source
from .store import variant_urls


def line_of(source_text, name):
    """The first line of the Markdown source that mentions file `name`, or None."""
    return next((n for n, line in enumerate(source_text.splitlines(), 1) if name in line), None)


def responsive_body(content, source_text, relative_dir, where, settings):
    """`content` with each <img src="{static}/…"> of a JPEG, PNG or WebP turned into a
    <picture> (markup.responsive_tag). The src stays a {static} link, so Pelican resolves
    it — and reports it, with the line, if the file is missing. Body images load lazily: the
    top of an item page is its header, and its cover if it has one."""
    options = image_settings(settings)

    def replace(tag, src):
        rel = linked_path(src, relative_dir)
        source = raster_source(rel, settings, where, line_of(source_text, PurePosixPath(rel).name))
        if source is None:
            return None
        return responsive_tag(tag, source, variant_urls(rel, source, options["widths"]),
                              settings["SITEURL"], options["sizes"])

    return rewrite_images(content, replace)
