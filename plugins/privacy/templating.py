"""What the theme's templates get: the sign-up form's description, the privacy page's URL, the meta CSP."""

from jinja2 import pass_context
from markupsafe import Markup

from .headers import attribute_text

PRIVACY_PAGE = "privacy/"  # content/pages/privacy.<lang>.md, linked from the consent text


@pass_context
def privacy_policy_url(ctx):
    """This language's privacy policy page, or None if the site has none."""
    url = ctx["LANG_PREFIX"] + PRIVACY_PAGE
    return url if ctx["SITE_INDEX"].has(ctx["DEFAULT_LANG"], url) else None


def setup_environment(env, settings):
    # meta_policy: the CSP as <meta http-equiv>, first thing in every page's <head> (partials/head.html).
    env.globals.update(signup_form=settings["PRIVACY"].form, privacy_policy_url=privacy_policy_url,
                       meta_policy=Markup(attribute_text(settings["PRIVACY"].meta_policy)))
