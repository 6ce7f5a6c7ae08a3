"""Each item's URL computed once, when reading is over, instead of on every use.

Pelican computes `item.url` afresh on each access: it copies the item's metadata, works out
its source path relative to the content folder and formats the URL setting. Templates,
feeds, the switcher, the search index and JSON-LD ask for it about twenty times per item
(8% of a cold build's CPU in a profile). Once every generator has read its files
(all_generators_finalized) nothing changes an item's slug, category, language, date or
status any more, so we store the answer as `override_url`, which Pelican's `url` returns
when set. `save_as` is left alone: Pelican's writer reads `override_save_as` as
"may overwrite another file", which would hide a duplicate output.
"""

from pelican.generators import ArticlesGenerator, PagesGenerator

# Pelican's lists of items (articles or pages) in every status.
ITEM_LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles", "hidden_translations",
              "pages", "hidden_pages", "draft_pages", "draft_translations")


def freeze_urls(generators):
    for generator in generators:
        if not isinstance(generator, (ArticlesGenerator, PagesGenerator)):
            continue  # campaign pages: their generator sets their URLs itself
        for name in ITEM_LISTS:
            for item in getattr(generator, name, None) or []:
                if not hasattr(item, "override_url"):  # a URL set on purpose stays
                    item.override_url = item.url
