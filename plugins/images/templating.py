"""The `responsive_image` template global: covers and other images a template places."""

from markupsafe import Markup

from .markup import image_tag, responsive_tag
from .settings import image_settings
from .sources import raster_source
from .store import variant_urls


def responsive_image(settings, rel, alt="", css_class=None, eager=False):
    """<picture>/<img> markup for content file `rel` (e.g. images/x.jpg, as `Cover:` gives it).

    `eager`: the image is at the top of the page (a cover, a hero); otherwise it loads lazily.
    An SVG (or anything this plugin does not serve) gets a plain <img>.
    """
    siteurl = settings["SITEURL"]
    tag = image_tag(f"{siteurl}/{rel}", alt, css_class)
    source = raster_source(rel, settings)
    if source is None:
        return Markup(tag[:-1] + ('>' if eager else ' loading="lazy">'))
    options = image_settings(settings)
    urls = variant_urls(rel, source, options["widths"])
    return Markup(responsive_tag(tag, source, urls, siteurl, options["sizes"], eager=eager))


def setup_environment(env, settings):
    env.globals["responsive_image"] = lambda *args, **kwargs: responsive_image(settings, *args, **kwargs)
