"""Campaign subsites: /campaigns/<slug>/… per language, each drawn through its own theme overlay,
and the /campaigns/ listing of the main site."""

import datetime
import os
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican.contents import Page
from pelican.generators import Generator
from pelican.readers import Readers

from bilingual.errors import ContentError
from bilingual.languages import prefix_for
from messages import t
from sitecheck.translations import git_history

from .folders import OVERLAY_CSS, copy_assets, copy_overlay_static, load_campaigns
from .share import share_links


def campaign_css(campaign):
    """The campaign's own colours as CSS variables: a file, since the CSP allows no style attribute."""
    names = {"primary": "--color-primary", "accent": "--color-accent"}
    lines = [f"  {names[key]}: {value};" for key, value in sorted(campaign.colours.items())]
    return f"/* {campaign.path}: the campaign's colours (written by the build) */\n:root {{\n" + "\n".join(lines) + "\n}\n"


def page_lastmod(page, history):
    """The day a campaign page last changed (ISO): its Modified: or Date: line, else its last commit,
    else (outside git, or not committed yet) its file's modification time."""
    written = getattr(page, "modified", None) or getattr(page, "date", None)
    if written:
        return written.date().isoformat()
    when = history[page.source_rel][1] if page.source_rel in history else os.path.getmtime(page.source_path)
    return datetime.datetime.fromtimestamp(when, datetime.timezone.utc).date().isoformat()


class CampaignGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pelican's content cache for our pages too (a plain Generator has none): a rebuild reads again only
        # the campaign pages whose file changed, as for the site's own items (bilingual/cache.py).
        self.readers = Readers(self.settings, "CampaignGenerator-Readers")

    def generate_context(self):
        s = self.settings
        self.lang, self.prefix = s["DEFAULT_LANG"], s["LANG_PREFIX"]
        # Overlays sit beside the base theme (themes/<name>/) unless the settings say otherwise.
        self.themes_path = s.get("CAMPAIGN_THEMES_PATH") or os.path.dirname(s["THEME"])
        form = s["PRIVACY"].form
        self.list_choices = {choice.code: choice for choice in form.lists}
        self.campaigns = load_campaigns(s, self.themes_path, list(self.list_choices))
        self.envs = {}  # overlay name → its Jinja environment
        self.context["campaigns"] = self.campaigns
        self.context["CAMPAIGNS_MENU"] = bool(self.campaigns)
        # Every campaign page of this language, as Pelican Pages (title, url, lang, content):
        # what a search index or any other plugin needs to treat them like the site's own pages.
        self.context["campaign_pages"] = pages = []
        for campaign in self.campaigns:
            campaign.urls = {lang: f"{prefix_for(lang, s['MAIN_LANG'])}{campaign.folder}/" for lang in campaign.languages}
            campaign.stylesheets = self.stylesheets(campaign)
            if self.lang in campaign.languages:
                campaign.pages[self.lang] = self.read_pages(campaign)
                pages.extend(campaign.pages[self.lang])
        self.readers.save_cache()

    def read_pages(self, campaign):
        """The campaign's pages in this language; the home (index) first, then by menu or slug."""
        pages = [page for page in (self.read_page(campaign, rel) for rel in campaign.files[self.lang]) if page]
        order = {slug: n for n, slug in enumerate(["index", *campaign.menu])}
        pages.sort(key=lambda p: (order.get(p.slug, len(order)), p.slug))
        return pages

    def read_page(self, campaign, rel):
        """One of the campaign's pages, read from its Markdown file `rel`; None for a draft (as on the main site,
        a draft is not published)."""
        page = self.readers.read_file(base_path=self.path, path=rel, content_class=Page, context=self.context)
        if page.status == "draft":
            if page.slug == "index":
                raise ContentError(rel, t("a campaign's home page cannot be a draft"), line=page.header["status"][1],
                                   hint=t("remove the Status line; to hold the whole campaign back, "
                                          "keep it out of content/"))
            return None
        home = self.prefix + campaign.folder + "/"
        page.override_url = home if page.slug == "index" else f"{home}{page.slug}/"
        page.override_save_as = page.override_url + "index.html"
        page.campaign = campaign
        self.add_source_path(page)  # so {filename} links to campaign pages resolve
        return page

    def first_look_pages(self):
        """The pages `invoke serve` can show at once when their file is saved (bilingual/preview.py)."""
        return [page for campaign in self.campaigns for page in campaign.pages.get(self.lang, [])]

    def read_again(self, page):
        """A page's file read again as read_pages reads it (a first look), or None if it is now a draft."""
        return self.read_page(page.campaign, os.path.relpath(page.source_path, self.path))

    def stylesheets(self, campaign):
        """Site-root paths of the CSS a campaign's pages add after the site's stylesheet."""
        sheets = []
        if campaign.theme and (Path(self.themes_path) / campaign.theme / "static" / OVERLAY_CSS).is_file():
            sheets.append(f"{self.settings['THEME_STATIC_DIR']}/overlays/{campaign.theme}/{OVERLAY_CSS}")
        if campaign.colours:
            sheets.append(f"{campaign.folder}/campaign.css")
        return sheets

    def env_for(self, overlay):
        """The overlay's environment: its templates first, then the base theme's.

        Environment.overlay() shares the filters, globals and gettext every plugin installed in
        this generator's environment; only the loader (and the template cache) differ.
        """
        if overlay not in self.envs:
            templates = os.path.join(self.themes_path, overlay, "templates")
            self.envs[overlay] = self.env.overlay(loader=ChoiceLoader([FileSystemLoader(templates), self.env.loader]))
        return self.envs[overlay] if overlay else self.env

    def listing_url(self):
        return f"{self.prefix}{self.settings['CAMPAIGNS_PATH']}/"

    def listing_urls(self):
        return [self.listing_url()] if self.campaigns else []

    def item_urls(self):
        """(url, Markdown file, lastmod) of every campaign page of this language: registered like the site's
        items, so a broken link on one names its file and line, and the sitemap dates it."""
        pages = self.context["campaign_pages"]
        history = git_history(self.path, self.settings["CAMPAIGNS_PATH"]) if pages else {}
        return [(page.url, page.source_rel, page_lastmod(page, history)) for page in pages]

    def generate_output(self, writer):
        if not self.campaigns:
            return
        s = self.settings
        if self.lang == s["MAIN_LANG"]:  # files shared by every language, written once
            self.write_files()
        url = self.listing_url()
        writer.write_file(url + "index.html", self.get_template("campaigns"), self.context,
                          relative_urls=s["RELATIVE_URLS"], template_name="campaigns", url=url, listing_url=url,
                          # newest first: active ones by start, past ones by end
                          active=sorted((c for c in self.campaigns if c.status == "active"),
                                        key=lambda c: (c.start, c.slug), reverse=True),
                          past=sorted((c for c in self.campaigns if c.status == "past"),
                                      key=lambda c: (c.end or c.start, c.slug), reverse=True))
        for campaign in self.campaigns:
            for page in campaign.pages.get(self.lang, []):
                self.write_page(writer, page)

    def write_page(self, writer, page):
        """One campaign page, through its campaign's overlay (the build's, and a first look's)."""
        s, campaign = self.settings, page.campaign
        template = self.env_for(campaign.theme).get_template("campaign.html")
        nav = [other for other in campaign.pages.get(self.lang, [])
               if other.slug == "index" or not campaign.menu or other.slug in campaign.menu]
        action_lists = ([self.list_choices[campaign.action.target]]
                        if campaign.action and campaign.action.kind == "mailing_list" else [])
        writer.write_file(page.save_as, template, self.context, relative_urls=s["RELATIVE_URLS"],
                          template_name="campaign", url=page.url, page=page, campaign=campaign,
                          campaign_nav=nav, campaign_home=campaign.urls[self.lang], action_lists=action_lists,
                          share=share_links(f"{s['SITE_DOMAIN']}/{page.url}", page.title))

    def write_files(self):
        for campaign in self.campaigns:
            copy_assets(campaign, self.path, self.output_path)
            if campaign.colours:
                Path(self.output_path, campaign.folder, "campaign.css").write_text(campaign_css(campaign), encoding="utf-8")
        for overlay in sorted({c.theme for c in self.campaigns if c.theme}):
            copy_overlay_static(self.themes_path, overlay, self.output_path, self.settings["THEME_STATIC_DIR"])
