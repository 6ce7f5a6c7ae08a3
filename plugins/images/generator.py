"""ImageGenerator: writes every raster image of the static folders as WebP variants and a
clean fallback, in the main language only (the files are shared by every language)."""

import logging
import os
import shutil

from pelican.generators import Generator

from .settings import image_settings
from .sources import cache_root, raster_source
from .store import cached, variant_urls

log = logging.getLogger(__name__)


class ImageGenerator(Generator):
    def generate_context(self):
        image_settings(self.settings)  # a bad IMAGES setting stops the build before any writing

    def generate_output(self, writer):
        s = self.settings
        if s["DEFAULT_LANG"] != s.get("MAIN_LANG", s["DEFAULT_LANG"]):
            return
        options, root = image_settings(s), cache_root(s)
        count = 0
        # static_generator_finalized (in __init__) took these out of Pelican's copying.
        for rel, save_as in self.context.get("raster_images", []):
            source = raster_source(rel, s)  # encodes the images no item uses; the others are cached
            files = cached(root, os.path.join(s["PATH"], rel), source, options)
            targets = {"fallback": save_as}
            targets.update({f"{w}.webp": url for w, url in variant_urls(rel, source, options["widths"]).items()})
            for name, target in targets.items():
                path = os.path.join(self.output_path, target)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                shutil.copyfile(files[name], path)
            count += 1
        log.debug("images: %d source(s) written as WebP variants and fallbacks", count)
