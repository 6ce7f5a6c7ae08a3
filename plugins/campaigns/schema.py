"""campaign.yaml: what a campaign is, checked key by key so every mistake names its line.

The format is documented in docs/campaigns.md. A campaign folder is
content/campaigns/<slug>/ with campaign.yaml, index.<lang>.md and more <page>.<lang>.md.
"""

import datetime
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bilingual.errors import ContentError
from bilingual.metadata import SLUG, suggest
from charts.yamlfile import load_nodes
from messages import sentences, t

from .colours import HEX, TEXT_CONTRAST, WHITE, contrast

KEYS = ("title", "description", "languages", "status", "start", "end", "theme", "colours", "logo", "hero",
        "call_to_action", "partners", "figures", "menu", "sample")
REQUIRED = ("title", "description", "status", "start")
STATUSES = ("active", "past")
COLOUR_KEYS = ("primary", "accent")
IMAGE_EXTENSIONS = (".svg", ".png", ".jpg", ".jpeg", ".webp")
ACTIONS = ("petition", "mailing_list", "hashtag")


@dataclass(frozen=True)
class Figure:
    value: int
    label: dict  # lang → text
    more: bool = False  # "more than": the number is a floor


@dataclass(frozen=True)
class Partner:
    name: dict
    url: str = ""


@dataclass(frozen=True)
class Action:
    kind: str  # petition | mailing_list | hashtag
    target: str  # the petition's URL, the list code or the hashtag
    label: dict  # lang → the button's or the invitation's text; {} uses the theme's wording


@dataclass
class Campaign:
    slug: str
    path: str  # campaigns/<slug>/campaign.yaml, for messages
    title: dict
    description: dict
    languages: list
    status: str
    start: datetime.date
    end: datetime.date | None = None
    theme: str = ""  # overlay folder name; "" is the base theme alone
    colours: dict = field(default_factory=dict)  # primary/accent → #rrggbb
    logo: str = ""  # file name inside the campaign folder
    hero: str = ""
    hero_alt: dict = field(default_factory=dict)
    action: Action | None = None
    partners: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    menu: list = field(default_factory=list)  # page slugs, in navigation order ("index" is the home)
    sample: bool = False
    menu_nodes: list = field(default_factory=list)  # the menu's YAML nodes, so a wrong entry names its line
    # Filled in by the build: {lang: [Markdown file]}, {lang: home URL}, the CSS its pages add,
    # {lang: [Page]} (this language's run only).
    files: dict = field(default_factory=dict)
    urls: dict = field(default_factory=dict)
    stylesheets: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)

    @property
    def folder(self):
        return os.path.dirname(self.path)


def labels_of(node, languages, what):
    """{lang: text} for every language of the campaign (charts' labels_of wants every site language).

    `what` names the key in messages, as a Text: t("the title").
    """
    texts = {}
    for key, line, value in node.items():
        if key not in languages:
            raise ContentError(node.path, t("'{language}' is not a language of this campaign", language=key), line=line,
                               hint=t("its languages: {choices} (the 'languages:' key)", choices=list(languages)))
        texts[key] = _text(value, what)
    missing = [lang for lang in languages if lang not in texts]
    if missing:
        raise node.error(t("{what} has no text in {languages}", what=what, languages=missing),
                         hint=t("write it as  {example}", example=", ".join(f"{lang}: …" for lang in languages)))
    return texts


def _text(node, what):
    value = node.value()
    if not isinstance(value, str) or not value.strip():
        raise node.error(t("{what} must be text", what=what))
    return value.strip()


def _date(node, key):
    try:
        value = node.value()
    except ContentError:  # YAML reads 2023-02-30 as a date, and the calendar refuses it
        value = node.raw.value
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        raise node.error(t("'{value}' is not a date", value=value),
                         hint=t("write it as YYYY-MM-DD, e.g. '{key}: 2023-02-20'", key=key))
    return value


def _https(node, what):
    url = _text(node, what)
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        raise node.error(t("{what} '{url}' is not an https:// address", what=what, url=url),
                         hint=t("copy the full address, https:// included"))
    return url


def _file(node, folder, content_path, what):
    name = _text(node, what)
    if "/" in name or name.startswith("."):
        raise node.error(t("{what} '{name}' must be a file name in the campaign folder, without a path",
                           what=what, name=name))
    if not name.lower().endswith(IMAGE_EXTENSIONS):
        raise node.error(t("{what} '{name}' must end in {extensions}", what=what, name=name,
                           extensions=list(IMAGE_EXTENSIONS)))
    if not os.path.isfile(os.path.join(content_path, folder, name)):
        raise node.error(t("{what} file '{file}' does not exist", what=what, file=f"{folder}/{name}"),
                         hint=t("add the file or correct its name"))
    return name


def _languages(node, site_languages):
    found = []
    for item in node.list():
        code = item.value()
        if code not in site_languages:
            raise item.error(t("unknown language '{language}'", language=code),
                             hint=sentences(suggest(str(code), site_languages),
                                            t("the site's languages are: {choices}", choices=list(site_languages))))
        found.append(code)
    if not found:
        raise node.error(t("a campaign needs at least one language"))
    return [code for code in site_languages if code in found]  # the site's order


def _colours(node):
    colours = {}
    for key, line, value in node.items():
        if key not in COLOUR_KEYS:
            raise ContentError(node.path, t("unknown colour '{key}'", key=key), line=line,
                               hint=sentences(suggest(key, COLOUR_KEYS), t("colours: {choices}", choices=list(COLOUR_KEYS))))
        text = str(value.value())
        if not HEX.match(text):
            raise value.error(t("'{value}' is not a colour", value=text),
                              hint=t("write it as \"#rrggbb\" in quotes, e.g. \"#0b5563\""))
        ratio = contrast(text, WHITE)
        if ratio < TEXT_CONTRAST:
            raise value.error(t("{key} colour {colour} has a contrast of {ratio}:1 on white; links and buttons need "
                                "{needed}:1", key=key, colour=text, ratio=f"{ratio:.1f}", needed=TEXT_CONTRAST),
                              hint=t("choose a darker shade"))
        colours[key] = text.lower()
    return colours


def _action(node, languages, mailing_lists):
    fields = node.mapping()
    unknown = [key for key in fields if key not in (*ACTIONS, "label")]
    if unknown:
        raise fields[unknown[0]].error(t("unknown call-to-action key '{key}'", key=unknown[0]), hint=sentences(
            suggest(unknown[0], (*ACTIONS, "label")), t("one of: {choices}, and 'label'", choices=list(ACTIONS))))
    kinds = [key for key in ACTIONS if key in fields]
    if len(kinds) != 1:
        raise node.error(t("a call to action is exactly one of: {choices}", choices=list(ACTIONS)))
    kind, value = kinds[0], fields[kinds[0]]
    if kind == "petition":
        target = _https(value, t("the petition"))
    elif kind == "mailing_list":
        target = _text(value, t("the mailing list"))
        if target not in mailing_lists:
            raise value.error(t("unknown mailing list '{list}'", list=target), hint=sentences(
                suggest(target, mailing_lists),
                t("lists in MAILING_LIST (pelicanconf.py): {choices}", choices=list(mailing_lists))))
    else:
        target = _text(value, t("the hashtag"))
        if not target.startswith("#") or " " in target:
            raise value.error(t("'{value}' is not a hashtag", value=target),
                              hint=t("one word starting with #, in quotes: \"#…\""))
    label = labels_of(fields["label"], languages, t("the call to action")) if "label" in fields else {}
    return Action(kind, target, label)


def _partners(node, languages):
    partners = []
    for item in node.list():
        fields = item.mapping()
        for key in fields:
            if key not in ("name", "url"):
                raise fields[key].error(t("unknown partner key '{key}'", key=key),
                                        hint=t("a partner has a name and an optional url"))
        if "name" not in fields:
            raise item.error(t("a partner needs a name"), hint=t("write it as  {example}", example="name: {ar: …, en: …}"))
        url = _https(fields["url"], t("the partner's address")) if "url" in fields else ""
        partners.append(Partner(labels_of(fields["name"], languages, t("the partner")), url))
    return partners


def _figures(node, languages):
    figures = []
    for item in node.list():
        fields = item.mapping()
        for key in fields:
            if key not in ("value", "label", "more"):
                raise fields[key].error(t("unknown figure key '{key}'", key=key), hint=sentences(
                    suggest(key, ("value", "label", "more")), t("a figure has value, label and more")))
        if "value" not in fields or "label" not in fields:
            raise item.error(t("a figure needs a value and a label"))
        value = fields["value"].value()
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise fields["value"].error(t("'{value}' is not a whole number", value=value),
                                        hint=t("write digits only, e.g. 3000"))
        more = fields["more"].value() if "more" in fields else False
        if not isinstance(more, bool):
            raise fields["more"].error(t("more is true or false"))
        figures.append(Figure(value, labels_of(fields["label"], languages, t("the figure")), more))
    return figures


def parse_campaign(text, path, *, site_languages, content_path, themes, mailing_lists):
    """campaign.yaml → Campaign, or a ContentError naming the file and line.

    `themes`: the overlay names that exist; `mailing_lists`: the list codes of MAILING_LIST.
    """
    slug = os.path.basename(os.path.dirname(path))
    if not SLUG.match(slug):
        raise ContentError(path, t("the folder name '{folder}' must be lower-case latin letters, digits and hyphens",
                                   folder=slug),
                           hint=t("the folder name is the campaign's address: /campaigns/<folder>/"))
    root = load_nodes(text, path)
    if root is None:
        raise ContentError(path, t("the file is empty"), hint=t("copy a campaign.yaml from docs/campaigns.md"))
    fields = {}
    for key, line, node in root.items():
        if key not in KEYS:
            raise ContentError(path, t("unknown key '{key}'", key=key), line=line,
                               hint=sentences(suggest(key, KEYS), t("keys: {choices}", choices=list(KEYS))))
        fields[key] = node
    for key in REQUIRED:
        if key not in fields:
            raise ContentError(path, t("'{key}' is missing", key=key), line=1,
                               hint=t("see docs/campaigns.md for every key"))
    languages = _languages(fields["languages"], list(site_languages)) if "languages" in fields else list(site_languages)
    status = fields["status"].value()
    if status not in STATUSES:
        raise fields["status"].error(t("unknown status '{value}'", value=status),
                                     hint=sentences(suggest(str(status), STATUSES), t("write active or past")))
    campaign = Campaign(
        slug=slug, path=path, languages=languages, status=status,
        title=labels_of(fields["title"], languages, t("the title")),
        description=labels_of(fields["description"], languages, t("the description")),
        start=_date(fields["start"], "start"),
    )
    if "end" in fields:
        campaign.end = _date(fields["end"], "end")
        if campaign.end < campaign.start:
            raise fields["end"].error(t("the campaign ends ({end}) before it starts ({start})",
                                        end=campaign.end, start=campaign.start))
    if "theme" in fields:
        campaign.theme = _text(fields["theme"], t("the theme"))
        if campaign.theme not in themes:
            raise fields["theme"].error(t("unknown theme '{theme}'", theme=campaign.theme), hint=sentences(
                suggest(campaign.theme, themes), t("overlays in themes/: {choices}", choices=list(themes))))
    if "colours" in fields:
        campaign.colours = _colours(fields["colours"])
    folder = os.path.dirname(path)
    if "logo" in fields:
        campaign.logo = _file(fields["logo"], folder, content_path, t("the logo"))
    if "hero" in fields:
        hero = fields["hero"].mapping()
        if "image" not in hero or "alt" not in hero:
            raise fields["hero"].error(t("hero needs an image and its alt text"),
                                       hint=t("write it as  {example}", example="image: hero.svg, alt: {ar: …, en: …}"))
        campaign.hero = _file(hero["image"], folder, content_path, t("the hero image"))
        campaign.hero_alt = labels_of(hero["alt"], languages, t("the hero image's alt text"))
    if "call_to_action" in fields:
        campaign.action = _action(fields["call_to_action"], languages, list(mailing_lists))
    if "partners" in fields:
        campaign.partners = _partners(fields["partners"], languages)
    if "figures" in fields:
        campaign.figures = _figures(fields["figures"], languages)
    if "menu" in fields:
        campaign.menu_nodes = fields["menu"].list()
        campaign.menu = [_text(item, t("a menu entry")) for item in campaign.menu_nodes]
    if "sample" in fields:
        campaign.sample = fields["sample"].value() is True
    return campaign
