"""What the theme's templates get: the sign-up form's description and the privacy page's URL."""

from jinja2 import pass_context

PRIVACY_PAGE = "privacy/"  # content/pages/privacy.<lang>.md, linked from the consent text


@pass_context
def privacy_policy_url(ctx):
    """This language's privacy policy page, or None if the site has none."""
    url = ctx["LANG_PREFIX"] + PRIVACY_PAGE
    return url if ctx["SITE_INDEX"].has(ctx["DEFAULT_LANG"], url) else None


def setup_environment(env, settings):
    env.globals.update(signup_form=settings["PRIVACY"].form, privacy_policy_url=privacy_policy_url)
