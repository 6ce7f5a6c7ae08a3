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
from messages import sentences, t

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
        example = "{" + ", ".join(repr(lang) + ": …" for lang in languages) + "}"
        raise problem(t("needs a text per language"), *keys, hint=t("e.g. {example}", example=example))
    missing = [lang for lang in languages if not str(value.get(lang) or "").strip()]
    if missing:
        raise problem(t("has no text in {languages}", languages=missing), *keys)
    return {lang: str(value[lang]).strip() for lang in languages}


def _origin(problem, url):
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc:
        return parts, f"https://{parts.netloc}"
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return parts, f"http://{parts.netloc}"
    raise problem(t("'{url}' is not an https:// address", url=url), "url",
                  hint=t("sign-ups carry people's e-mail addresses: the list server must use https"))


def _listmonk(problem, url, lists):
    parts, origin = _origin(problem, url)
    root = url.rstrip("/").removesuffix("/subscription/form")
    if parts.query or parts.fragment:
        raise problem(t("'{url}' should be listmonk's root address, without ?… or #…", url=url), "url",
                      hint=t("e.g. {example}", example="'https://lists.example.org'"))
    if not lists:
        raise problem(t("listmonk needs at least one list"), "lists",
                      hint=t("add {{'news': {{'id': '<list UUID from listmonk>', 'ar': …, 'en': …}}}}"))
    choices = []
    for code, (list_id, labels) in lists.items():
        if not UUID.match(list_id):
            raise problem(t("'{id}' is not a listmonk list UUID", id=list_id), "lists", code, "id",
                          hint=t("copy the UUID from listmonk: Lists → the list → UUID (e.g. 7f3c…-…)"))
        choices.append(ListChoice(code, labels, "l", list_id))
    return dict(action=f"{root}/subscription/form", origin=origin, email_field="email", name_field="name",
                honeypot_field="nonce"), choices


def _mailchimp(problem, url, lists):
    parts, origin = _origin(problem, url)
    query = parse_qs(parts.query)
    embed_hint = t("copy the form's action from Mailchimp's embedded form code: {example}",
                   example="https://<dc>.list-manage.com/subscribe/post?u=…&id=…")
    if not MAILCHIMP_HOST.match(parts.hostname or "") or parts.path != "/subscribe/post":
        raise problem(t("'{url}' is not a Mailchimp embedded-form address", url=url), "url", hint=embed_hint)
    u, list_id = query.get("u", [""])[0], query.get("id", [""])[0]
    if not re.fullmatch(r"[0-9a-f]+", u) or not re.fullmatch(r"[0-9a-f]+", list_id):
        raise problem(t("'{url}' lacks the u=… and id=… of the audience", url=url), "url", hint=embed_hint)
    choices = []
    for code, (field, labels) in lists.items():
        match = MAILCHIMP_GROUP.match(field)
        if not match:
            raise problem(t("'{field}' is not a Mailchimp group checkbox name", field=field), "lists", code, "id",
                          hint=t("copy the name of the group's checkbox from the embed code, e.g. {example}",
                                 example="'group[1234][1]'"))
        choices.append(ListChoice(code, labels, field, match.group(2)))
    return dict(action=url, origin=origin, email_field="EMAIL", name_field="FNAME",
                honeypot_field=f"b_{u}_{list_id}"), choices


BUILDERS = {"listmonk": _listmonk, "mailchimp": _mailchimp}


def check_mailing_list(raw, languages, settings_file):
    """The SignupForm described by MAILING_LIST, or a ContentError naming the file and line."""
    # problem(message, *keys, hint=…) → a ContentError naming the settings file and the line of MAILING_LIST[keys…]
    problem = functools.partial(settings_error, settings_file, SETTING)
    if not isinstance(raw, dict):
        raise problem(t("must be a dict"), hint=t("see docs/privacy.md for an example"))
    for key in raw:
        if key not in KEYS:
            raise problem(t("unknown key '{key}'", key=key), key,
                          hint=sentences(suggest(str(key), KEYS), t("keys: {keys}", keys=list(KEYS))))
    provider = raw.get("provider", "listmonk")
    if provider not in PROVIDERS:
        raise problem(t("unknown provider '{provider}'", provider=provider), "provider",
                      hint=sentences(suggest(str(provider), PROVIDERS), t("providers: {providers}",
                                                                          providers=list(PROVIDERS))))
    url = str(raw.get("url") or "").strip()
    if not url:
        raise problem(t("the address the form posts to ('url') is missing"), hint=t(
            "listmonk: its root address, e.g. 'https://lists.example.org'; mailchimp: the embedded form's action"))
    raw_lists = raw.get("lists") or {}
    if not isinstance(raw_lists, dict):
        raise problem(t("must be a dict of list code → {{'id': …, and a label per language}}"), "lists")
    lists = {}
    for code, entry in raw_lists.items():
        if not isinstance(entry, dict) or not str(entry.get("id") or "").strip():
            raise problem(t("has no 'id'"), "lists", code, hint=t("the list's id at the provider (see docs/privacy.md)"))
        extra = [key for key in entry if key != "id" and key not in languages]
        if extra:
            raise problem(t("unknown key '{key}'", key=extra[0]), "lists", code,
                          hint=t("a list has an 'id' and a label per language: {languages}", languages=list(languages)))
        lists[code] = (str(entry["id"]).strip(), _labels(problem, {k: v for k, v in entry.items() if k != "id"},
                                                         languages, "lists", code))
    fields, choices = BUILDERS[provider](problem, url, lists)
    by_code = {choice.code: choice for choice in choices}
    footer = raw.get("footer_lists", list(by_code))
    if not isinstance(footer, (list, tuple)):
        raise problem(t("must be a list of list codes"), "footer_lists")
    for code in footer:
        if code not in by_code:
            listed = t("lists: {lists}", lists=list(by_code)) if by_code else t("lists: (none)")
            raise problem(t("unknown list '{code}'", code=code), "footer_lists",
                          hint=sentences(suggest(str(code), by_code), listed))
    return SignupForm(provider=provider, **fields, lists=tuple(choices),
                      footer_lists=tuple(by_code[code] for code in footer),
                      frequency=_labels(problem, raw.get("frequency"), languages, "frequency"),
                      processor=_labels(problem, raw.get("processor"), languages, "processor"))
