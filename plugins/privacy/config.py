"""Both settings of the plugin, checked together: the CSP's form-action depends on the list's host."""

from dataclasses import dataclass

from .headers import check_headers, header_lines
from .mailing import check_mailing_list


@dataclass(frozen=True)
class Privacy:
    form: object  # mailing.SignupForm
    header_lines: list  # [(name, value)] of the HTTP headers every response carries


def load_privacy(settings, settings_file):
    """Privacy from Pelican settings, or a ContentError naming settings_file and the line."""
    form = check_mailing_list(settings.get("MAILING_LIST"), list(settings["LANGUAGES"]), settings_file)
    headers = check_headers(settings.get("SECURITY_HEADERS", {}), settings_file)
    return Privacy(form, header_lines(headers, form.origin))
