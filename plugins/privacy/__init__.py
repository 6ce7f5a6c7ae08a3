"""privacy: the mailing-list sign-up form and the security headers of a site that talks to no one else.

One plugin, because the two are one promise: the Content-Security-Policy's form-action
is derived from the mailing list's provider, so they are checked and built together.
"""

import logging

from pelican import signals

from .config import load_privacy
from .generator import PrivacyGenerator
from .templating import setup_environment

log = logging.getLogger(__name__)


def check_settings(pelican):
    # initialized: once per language's Pelican, before any file is read, so a bad setting
    # stops the build first; the result rides in the settings every generator shares.
    settings = pelican.settings
    settings["PRIVACY"] = load_privacy(settings, settings.get("SETTINGS_FILE", "pelicanconf.py"))
    # Every language's Pelican is made in the build's own process (the other languages fork
    # later), so the main language alone announces each loosening: once per build, every build.
    if settings["DEFAULT_LANG"] == settings.get("MAIN_LANG", settings["DEFAULT_LANG"]):
        for announcement in settings["PRIVACY"].loosened:
            log.warning("%s", announcement)  # a ContentError: shown in the run's language when logged


def install_theme_helpers(generator):
    # generator_init: every generator renders the footer, so every environment gets the form.
    setup_environment(generator.env, generator.settings)


def add_generator(pelican):
    # get_generators: the sign-up pages and _headers are output Pelican does not make.
    return PrivacyGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(install_theme_helpers)
    signals.get_generators.connect(add_generator)
