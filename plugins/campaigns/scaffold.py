"""`invoke new-campaign SLUG`: a campaign folder staff fill in, commented so it explains itself."""

import datetime
from pathlib import Path

from bilingual.metadata import SLUG
from messages import t

CAMPAIGN_YAML = """\
# The campaign's settings. Every key is explained in docs/campaigns.md; the build checks them
# and names the line of any mistake. Lines starting with # are comments: remove the # to use one.

# Name and one-sentence description, in every language of the campaign.
title:
{title}
description:
{description}

# The languages it is published in (default: every language of the site). An Arabic-only
# campaign says  languages: [ar]  and needs only index.ar.md and Arabic texts.
languages: [{languages}]

status: active          # active, or past once it is over
start: {today}      # YYYY-MM-DD
# end: 2024-12-31       # optional; a past campaign usually has one

# theme: bold           # an overlay in themes/<name>/ (bold, calm, report …); without it, the base theme
# colours:              # "#rrggbb" in quotes; both need 4.5:1 contrast on white (the build checks)
#   primary: "#8c1d40"  # header band, links, buttons
#   accent: "#5c1129"   # hover and highlights
# logo: logo.svg        # a file in this folder (.svg, .png, .jpg, .webp)
# hero:                 # the picture at the top of the home page, with its description
#   image: hero.svg
#   alt:
{hero_alt}

# The call to action, exactly one of: petition (an https address), mailing_list (a list code
# from MAILING_LIST in pelicanconf.py) or hashtag; label is optional.
# call_to_action:
#   mailing_list: news
#   label:
{label}

# partners:             # organisations running the campaign with 7amleh
#   - name: {{ar: …, en: …}}
#     url: https://…

# figures:              # key numbers shown large on the home page
#   - value: 1119
#     more: false       # true: "more than 1,119"
#     label: {{ar: …, en: …}}

# menu: [why, act]      # other pages (why.<lang>.md, act.<lang>.md) in the campaign's menu, in order
"""

STARTER = {
    "ar": "Title: {title}\nSummary: جملة تلخّص الحملة.\n\nاكتبوا هنا لماذا هذه الحملة، وماذا تطلب، ومن تخاطب.\n",
    "en": "Title: {title}\nSummary: One sentence that sums up the campaign.\n\n"
          "Write here why this campaign exists, what it asks for and whom it addresses.\n",
}
PLACEHOLDER = {"ar": "حملة جديدة", "en": "New campaign"}


def scaffold(content_path, slug, languages, folder="campaigns", today=None):
    """Write content/<folder>/<slug>/ with campaign.yaml and index.<lang>.md; return the folder.

    Raises ValueError with a sentence for people (a messages.Text) if the slug is wrong or the folder exists.
    """
    if not SLUG.match(slug):
        raise ValueError(t("'{slug}' must be lower-case latin letters, digits and hyphens, e.g. fair-moderation",
                           slug=slug))
    target = Path(content_path) / folder / slug
    if target.exists():
        raise ValueError(t("{folder} already exists", folder=target))
    today = today or datetime.date.today()

    def per_language(indent, commented=False):
        mark = "#" if commented else ""
        return "\n".join(f"{mark}{' ' * indent}{lang}: {'…' if commented else PLACEHOLDER.get(lang, 'New campaign')}"
                         for lang in languages)

    text = CAMPAIGN_YAML.format(title=per_language(2), description=per_language(2), languages=", ".join(languages),
                                today=today.isoformat(), hero_alt=per_language(5, True), label=per_language(5, True))
    target.mkdir(parents=True)
    (target / "campaign.yaml").write_text(text, encoding="utf-8")
    for lang in languages:
        starter = STARTER.get(lang, STARTER["en"])
        (target / f"index.{lang}.md").write_text(starter.format(title=PLACEHOLDER.get(lang, "New campaign")),
                                                 encoding="utf-8")
    return target
