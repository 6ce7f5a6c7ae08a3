"""The `responsive_image` template global: covers and other images a template places."""

from markupsafe import Markup

from .markup import image_tag, responsive_tag
from .settings import image_settings
from .sources import raster_source
from .store import variant_urls


# How wide an image is shown, for `sizes`, beside IMAGES['sizes'] (the text column). A campaign's
# hero grid has two columns (18rem or more each, 2rem apart) from a 40rem window, in 72rem at most.
HERO_SIZES = "(min-width: 74rem) 35rem, (min-width: 40rem) calc(50vw - 2rem), calc(100vw - 2rem)"


def responsive_image(settings, rel, alt="", css_class=None, eager=False, hero=False):
    """<picture>/<img> markup for content file `rel` (e.g. images/x.jpg, as `Cover:` gives it, or
    campaigns/<slug>/hero.jpg).

    `eager`: the image is at the top of the page (a cover, a hero); otherwise it loads lazily.
    `hero`: shown in a campaign hero's column, not the text column. An SVG (or anything this
    plugin does not serve) gets a plain <img>.
    """
    siteurl = settings["SITEURL"]
    tag = image_tag(f"{siteurl}/{rel}", alt, css_class)
    source = raster_source(rel, settings, static_only=False)  # checked where it was named
    if source is None:
        return Markup(tag[:-1] + ('>' if eager else ' loading="lazy">'))
    options = image_settings(settings)
    urls = variant_urls(rel, source, options["widths"])
    return Markup(responsive_tag(tag, source, urls, siteurl, HERO_SIZES if hero else options["sizes"], eager=eager))


def setup_environment(env, settings):
    env.globals["responsive_image"] = lambda *args, **kwargs: responsive_image(settings, *args, **kwargs)
