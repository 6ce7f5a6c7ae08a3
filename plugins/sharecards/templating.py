"""share_card(): the card of the page being written, drawn (or taken from the cache) and placed in the
output; the head writes its address, size and description into og:image and the twitter tags."""

import os
import posixpath
from pathlib import Path

from jinja2 import pass_context

from incremental.trace import read_file
from messages import t

from .card import HEIGHT, WIDTH, Card, file_digest
from .settings import card_settings
from .store import place


def page_address(ctx, canonical):
    """The address the card is named after: the file being written (`publications/x/index.html` →
    `publications/x/`, `404.html`), except that pages 2, 3 … of a listing share page 1's card."""
    page = ctx.get("articles_page")
    written = ctx.get("output_file")
    if (page is not None and getattr(page, "number", 1) > 1) or not written:
        return canonical
    return written[:-len("index.html")] if written.endswith("index.html") else written


def card_path(folder, url, extension):
    """Where the card of the page at `url` goes: <folder>/<url>card.<ext> for a folder's page ("" is the
    home page), <folder>/<url>.<ext> for a page written as a file (404.html)."""
    name = f"{url}card.{extension}" if (not url or url.endswith("/")) else f"{url}.{extension}"
    rel = posixpath.normpath(f"{folder}/{name}")
    if rel.startswith("../") or posixpath.isabs(rel) or not rel.startswith(folder + "/"):
        raise ValueError(t("a page address leading out of the cards folder: {url}", url=repr(url)))
    return rel


def page_card(ctx, settings, title, kind="", date="", org=""):
    """The Card of the page being rendered: a campaign's colours and logo, a publication's cover."""
    lang = ctx["DEFAULT_LANG"]
    options = {"lang": lang, "title": str(title), "kind": str(kind), "date": str(date), "org": str(org)}
    campaign = ctx.get("campaign")
    if campaign is not None and hasattr(campaign, "colours") and hasattr(campaign, "folder"):
        colours = campaign.colours or {}
        options["background"] = colours.get("primary", options.get("background", Card.background))
        options["accent"] = colours.get("accent", Card.accent)
        if campaign.logo:
            options["logo"] = str(Path(settings["PATH"]) / campaign.folder / campaign.logo)
    article = ctx.get("article")
    cover = getattr(article, "cover", None) if article is not None else None
    if cover:
        options["cover"] = str(Path(settings["PATH"]) / cover)
    return Card(**options)


def setup_environment(env, settings):
    """Install share_card() into one generator's Jinja environment (settings checked here, first)."""
    options = card_settings(settings)

    @pass_context
    def share_card(ctx, url, title, kind="", date="", org=""):
        card = page_card(ctx, settings, title, kind, date, org)
        for drawn in (card.logo, card.cover):  # their bytes are in the card's key, so in its address
            if drawn:
                read_file(os.path.abspath(drawn), file_digest(drawn))
        rel = card_path(options["folder"], page_address(ctx, url), card.extension)
        digest = place(options["cache"], settings["OUTPUT_PATH"], rel, card)
        alt = " · ".join(part for part in (card.kind, " ".join(card.title.split()), card.date) if part)
        return {"url": f"{settings['SITE_DOMAIN']}/{rel}?v={digest[:10]}", "path": rel, "width": WIDTH,
                "height": HEIGHT, "type": card.media_type, "alt": alt}

    env.globals["share_card"] = share_card
