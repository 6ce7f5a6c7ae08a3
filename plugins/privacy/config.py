"""Both settings of the plugin, checked together: the CSP's form-action depends on the list's host."""

from dataclasses import dataclass

from .headers import checked_headers, header_lines, meta_policy
from .mailing import check_mailing_list


@dataclass(frozen=True)
class Privacy:
    form: object  # mailing.SignupForm
    header_lines: list  # [(name, value)] of the HTTP headers every response carries
    meta_policy: str  # the same Content-Security-Policy for <meta http-equiv>, less what only a header can carry
    loosened: list  # a ContentError per loosening SECURITY_HEADERS makes on purpose, announced on every build


def load_privacy(settings, settings_file):
    """Privacy from Pelican settings, or a ContentError naming settings_file and the line."""
    form = check_mailing_list(settings.get("MAILING_LIST"), list(settings["LANGUAGES"]), settings_file)
    headers, loosened = checked_headers(settings.get("SECURITY_HEADERS", {}), settings_file)
    return Privacy(form, header_lines(headers, form.origin), meta_policy(headers, form.origin), loosened)
