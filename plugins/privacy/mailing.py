"""MAILING_LIST: the sign-up form's provider, lists and consent details, checked at start.

Two providers, each a plain HTML form contract (no script of theirs on our pages):
- listmonk (self-hosted, the default): POST <root>/subscription/form with `email`,
  `name`, `l` (a list UUID, repeated) and the `nonce` honeypot, which must stay empty.
- mailchimp: the embedded form's POST https://<dc>.list-manage.com/subscribe/post?u=…&id=…
  with `EMAIL`, `FNAME`, interest-group checkboxes `group[<id>][<bit>]` = <bit> and the
  `b_<u>_<id>` honeypot.
"""

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from bilingual.metadata import suggest
from bilingual.settingsfile import settings_error

SETTING = "MAILING_LIST"
KEYS = ("provider", "url", "lists", "footer_lists", "frequency", "processor")
PROVIDERS = ("listmonk", "mailchimp")
# Plain http is allowed for this machine only: tests and previews run a local list server.
LOOPBACK = ("127.0.0.1", "localhost", "::1")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
MAILCHIMP_HOST = re.compile(r"^[a-z0-9]+\.list-manage\.com$")
MAILCHIMP_GROUP = re.compile(r"^group\[(\d+)\]\[(\d+)\]$")


@dataclass(frozen=True)
class ListChoice:
    code: str
    labels: dict  # lang → label
    field: str  # the form field's name
    value: str


@dataclass(frozen=True)
class SignupForm:
    """Everything the templates need to render a form for one provider, every language."""
    provider: str
    action: str
    origin: str  # scheme://host[:port] of the action, for the CSP's form-action
    email_field: str
    name_field: str
    honeypot_field: str
    lists: tuple  # every ListChoice, in settings order
    footer_lists: tuple  # the ListChoices the footer form subscribes to
    frequency: dict  # lang → text
    processor: dict  # lang → text


def _labels(problem, value, languages, *keys):
    if not isinstance(value, dict):
        raise problem("needs a text per language", *keys, hint=f"e.g. {{{', '.join(repr(l) + ': …' for l in languages)}}}")
    missing = [lang for lang in languages if not str(value.get(lang) or "").strip()]
    if missing:
        raise problem(f"has no text in {', '.join(missing)}", *keys)
    return {lang: str(value[lang]).strip() for lang in languages}


def _origin(problem, url):
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc:
        return parts, f"https://{parts.netloc}"
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return parts, f"http://{parts.netloc}"
    raise problem(f"'{url}' is not an https:// address", "url",
                  hint="sign-ups carry people's e-mail addresses: the list server must use https")


def _listmonk(problem, url, lists):
    parts, origin = _origin(problem, url)
    root = url.rstrip("/").removesuffix("/subscription/form")
    if parts.query or parts.fragment:
        raise problem(f"'{url}' should be listmonk's root address, without ?… or #…", "url",
                      hint="e.g. 'https://lists.example.org'")
    if not lists:
        raise problem("listmonk needs at least one list", "lists",
                      hint="add {'news': {'id': '<list UUID from listmonk>', 'ar': …, 'en': …}}")
    choices = []
    for code, (list_id, labels) in lists.items():
        if not UUID.match(list_id):
            raise problem(f"'{list_id}' is not a listmonk list UUID", "lists", code, "id",
                          hint="copy the UUID from listmonk: Lists → the list → UUID (e.g. 7f3c…-…)")
        choices.append(ListChoice(code, labels, "l", list_id))
    return dict(action=f"{root}/subscription/form", origin=origin, email_field="email", name_field="name",
                honeypot_field="nonce"), choices


def _mailchimp(problem, url, lists):
    parts, origin = _origin(problem, url)
    query = parse_qs(parts.query)
    embed_hint = "copy the form's action from Mailchimp's embedded form code: https://<dc>.list-manage.com/subscribe/post?u=…&id=…"
    if not MAILCHIMP_HOST.match(parts.hostname or "") or parts.path != "/subscribe/post":
        raise problem(f"'{url}' is not a Mailchimp embedded-form address", "url", hint=embed_hint)
    u, list_id = query.get("u", [""])[0], query.get("id", [""])[0]
    if not re.fullmatch(r"[0-9a-f]+", u) or not re.fullmatch(r"[0-9a-f]+", list_id):
        raise problem(f"'{url}' lacks the u=… and id=… of the audience", "url", hint=embed_hint)
    choices = []
    for code, (field, labels) in lists.items():
        match = MAILCHIMP_GROUP.match(field)
        if not match:
            raise problem(f"'{field}' is not a Mailchimp group checkbox name", "lists", code, "id",
                          hint="copy the name of the group's checkbox from the embed code, e.g. 'group[1234][1]'")
        choices.append(ListChoice(code, labels, field, match.group(2)))
    return dict(action=url, origin=origin, email_field="EMAIL", name_field="FNAME",
                honeypot_field=f"b_{u}_{list_id}"), choices


BUILDERS = {"listmonk": _listmonk, "mailchimp": _mailchimp}


def check_mailing_list(raw, languages, settings_file):
    """The SignupForm described by MAILING_LIST, or a ContentError naming the file and line."""
    # problem(message, *keys, hint=…) → a ContentError naming the settings file and the line of MAILING_LIST[keys…]
    problem = functools.partial(settings_error, settings_file, SETTING)
    if not isinstance(raw, dict):
        raise problem("must be a dict", hint="see docs/privacy.md for an example")
    for key in raw:
        if key not in KEYS:
            close = suggest(str(key), KEYS)
            raise problem(f"unknown key '{key}'", key, hint=f"{close + ' ' if close else ''}keys: {', '.join(KEYS)}")
    provider = raw.get("provider", "listmonk")
    if provider not in PROVIDERS:
        close = suggest(str(provider), PROVIDERS)
        raise problem(f"unknown provider '{provider}'", "provider",
                      hint=f"{close + ' ' if close else ''}providers: {', '.join(PROVIDERS)}")
    url = str(raw.get("url") or "").strip()
    if not url:
        raise problem("the address the form posts to ('url') is missing", hint=(
            "listmonk: its root address, e.g. 'https://lists.example.org'; mailchimp: the embedded form's action"))
    raw_lists = raw.get("lists") or {}
    if not isinstance(raw_lists, dict):
        raise problem("must be a dict of list code → {'id': …, and a label per language}", "lists")
    lists = {}
    for code, entry in raw_lists.items():
        if not isinstance(entry, dict) or not str(entry.get("id") or "").strip():
            raise problem("has no 'id'", "lists", code, hint="the list's id at the provider (see docs/privacy.md)")
        extra = [key for key in entry if key != "id" and key not in languages]
        if extra:
            raise problem(f"unknown key '{extra[0]}'", "lists", code,
                          hint=f"a list has an 'id' and a label per language: {', '.join(languages)}")
        lists[code] = (str(entry["id"]).strip(), _labels(problem, {k: v for k, v in entry.items() if k != "id"},
                                                         languages, "lists", code))
    fields, choices = BUILDERS[provider](problem, url, lists)
    by_code = {choice.code: choice for choice in choices}
    footer = raw.get("footer_lists", list(by_code))
    if not isinstance(footer, (list, tuple)):
        raise problem("must be a list of list codes", "footer_lists")
    for code in footer:
        if code not in by_code:
            close = suggest(str(code), by_code)
            raise problem(f"unknown list '{code}'", "footer_lists",
                          hint=f"{close + ' ' if close else ''}lists: {', '.join(by_code) or '(none)'}")
    return SignupForm(provider=provider, **fields, lists=tuple(choices),
                      footer_lists=tuple(by_code[code] for code in footer),
                      frequency=_labels(problem, raw.get("frequency"), languages, "frequency"),
                      processor=_labels(problem, raw.get("processor"), languages, "processor"))
