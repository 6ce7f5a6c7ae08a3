"""campaigns: themed subsites at /campaigns/<slug>/ built from content/campaigns/<slug>/, in the same build.

A campaign is a folder with campaign.yaml and Markdown pages (docs/campaigns.md); its pages
are drawn through a theme overlay (themes/<name>/) that falls back to the base theme.
"""

from pelican import signals

from .generator import CampaignGenerator


def add_generator(pelican):
    # get_generators: campaign pages and the /campaigns/ listing are output Pelican does not make.
    # The generator's Jinja environment is built, and every plugin's helpers installed into it
    # (generator_init), before the per-overlay environments are derived from it.
    return CampaignGenerator


def register():
    signals.get_generators.connect(add_generator)
