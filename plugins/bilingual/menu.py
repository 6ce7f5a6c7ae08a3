"""What the main menu shows, worked out once per language: the categories that have articles, and the
menu pages' addresses and labels.

The header used to read Pelican's `categories` (every category with all its articles) and `pages` (every
page, with its text) on every page. An incremental build re-renders a page when anything it looked at
changed (incremental/), so a sentence added to any article would have re-rendered every page of the
site. The menu is a small value of its own: it changes only when the menu does.
"""

from dataclasses import dataclass

from pelican.generators import ArticlesGenerator, PagesGenerator


@dataclass(frozen=True)
class MenuPage:
    slug: str
    url: str
    label: str


@dataclass(frozen=True)
class MainMenu:
    categories: tuple  # category slugs with at least one article, in CATEGORIES order
    pages: tuple  # MenuPage of each MENU_PAGES slug this language has, in MENU_PAGES order


def main_menu(generators, settings):
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    pages = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    written = {category.slug for category, _ in (articles.categories if articles else [])}
    published = pages.pages if pages else []
    return MainMenu(
        categories=tuple(code for code in settings.get("CATEGORIES", []) if code in written),
        pages=tuple(MenuPage(page.slug, page.url, getattr(page, "menu_title", None) or page.title)
                    for slug in settings.get("MENU_PAGES", []) for page in published if page.slug == slug),
    )


def set_main_menu(generators):
    """all_generators_finalized: every language's generators share one context dict."""
    if generators:
        generators[0].context["main_menu"] = main_menu(generators, generators[0].settings)
