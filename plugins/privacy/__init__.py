"""privacy: the mailing-list sign-up form and the security headers of a site that talks to no one else.

One plugin, because the two are one promise: the Content-Security-Policy's form-action
is derived from the mailing list's provider, so they are checked and built together.
"""

from dataclasses import dataclass

from jinja2 import pass_context
from pelican import signals

from .generator import PrivacyGenerator
from .headers import check_headers, header_lines
from .mailing import check_mailing_list

PRIVACY_PAGE = "privacy/"  # content/pages/privacy.<lang>.md, linked from the consent text


@dataclass(frozen=True)
class Privacy:
    form: object  # mailing.SignupForm
    header_lines: list  # [(name, value)] of the HTTP headers


def check_settings(pelican):
    # initialized: once per language's Pelican, before any file is read, so a bad setting
    # stops the build first; the result rides in the settings every generator shares.
    settings = pelican.settings
    where = settings.get("SETTINGS_FILE", "pelicanconf.py")
    form = check_mailing_list(settings.get("MAILING_LIST"), list(settings["LANGUAGES"]), where)
    headers = check_headers(settings.get("SECURITY_HEADERS", {}), where)
    settings["PRIVACY"] = Privacy(form, header_lines(headers, form.origin))


@pass_context
def privacy_policy_url(ctx):
    """This language's privacy policy page, or None if the site has none."""
    url = ctx["LANG_PREFIX"] + PRIVACY_PAGE
    return url if ctx["SITE_INDEX"].has(ctx["DEFAULT_LANG"], url) else None


def install_theme_helpers(generator):
    # generator_init: every generator renders the footer, so every environment gets the form.
    generator.env.globals.update(signup_form=generator.settings["PRIVACY"].form, privacy_policy_url=privacy_policy_url)


def add_generator(pelican):
    # get_generators: the sign-up pages and _headers are output Pelican does not make.
    return PrivacyGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(install_theme_helpers)
    signals.get_generators.connect(add_generator)
