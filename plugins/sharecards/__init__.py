"""sharecards: a 1200 × 630 picture for every page, for the links people share (og:image, twitter:card).

Plain modules: `settings` (SHARE_CARDS), `card` (what a card shows and how it is drawn), `store` (the
cache by content, and the copy into the output), `preview` (what a platform shows of each built page,
for `invoke check`). Pelican-facing: `templating` (the `share_card()` global the head calls).
"""

from pelican import signals

from .templating import setup_environment


def install_theme_helpers(generator):
    # generator_init: every generator has its own Jinja environment and every one renders pages with
    # partials/head.html, which asks share_card() for the page's card while the page is written —
    # so whatever page the site writes, from any generator, has its card, in its own language's run.
    setup_environment(generator.env, generator.settings)


def register():
    signals.generator_init.connect(install_theme_helpers)
