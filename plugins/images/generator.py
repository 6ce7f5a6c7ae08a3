"""ImageGenerator: writes every raster image of the static folders, and every raster campaign
logo and hero, as WebP variants and a clean fallback, in the main language only (the files
are shared by every language)."""

import logging
import os
import shutil
from pathlib import Path

from pelican.generators import Generator

from .body import line_of
from .settings import image_settings
from .sources import cache_root, raster_source
from .store import cached, variant_urls

log = logging.getLogger(__name__)


class ImageGenerator(Generator):
    def generate_context(self):
        image_settings(self.settings)  # a bad IMAGES setting stops the build before any writing
        # Campaign logos and heroes: the campaigns generator (earlier in PLUGINS) has read every
        # campaign.yaml and copies the files as they are in its generate_output(); ours runs
        # after it and writes the clean fallback over the copy, with the variants beside it.
        self.campaign_images = []
        for campaign in self.context.get("campaigns", []):
            yaml_rel = f"{campaign.folder}/campaign.yaml"
            for name in filter(None, (campaign.logo, campaign.hero)):
                rel = f"{campaign.folder}/{name}"
                text = (Path(self.settings["PATH"]) / yaml_rel).read_text(encoding="utf-8")
                if raster_source(rel, self.settings, yaml_rel, line_of(text, name), static_only=False):
                    self.campaign_images.append((rel, rel))

    def generate_output(self, writer):
        s = self.settings
        if s["DEFAULT_LANG"] != s.get("MAIN_LANG", s["DEFAULT_LANG"]):
            return
        options, root = image_settings(s), cache_root(s)
        count = 0
        # static_generator_finalized (in __init__) took these out of Pelican's copying.
        statics = [(s.relative_source_path.replace(os.sep, "/"), s.save_as) for s in self.context.get("raster_images", [])]
        for rel, save_as in statics + self.campaign_images:
            source = raster_source(rel, s, static_only=False)  # encodes the images no item uses; the others are cached
            files = cached(root, os.path.join(s["PATH"], rel), source, options)
            targets = {"fallback": save_as}
            targets.update({f"{w}.webp": url for w, url in variant_urls(rel, source, options["widths"]).items()})
            for name, target in targets.items():
                path = os.path.join(self.output_path, target)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                shutil.copyfile(files[name], path)
            count += 1
        log.debug("images: %d source(s) written as WebP variants and fallbacks", count)
