"""Campaign folders on disk: which campaigns exist, which pages each has, which overlays are there.

Plain functions (no Pelican): the generator calls them once per language.
"""

import os
import shutil
from pathlib import Path

from bilingual.errors import ContentError
from bilingual.metadata import file_language
from messages import t

from .schema import parse_campaign

CAMPAIGN_FILE = "campaign.yaml"
OVERLAY_CSS = "overlay.css"  # themes/<overlay>/static/overlay.css, linked from the overlay's pages


def overlay_names(themes_path, base_theme):
    """Every folder beside the base theme: the overlays a campaign may name."""
    if not os.path.isdir(themes_path):
        return []
    base = os.path.realpath(base_theme)
    return sorted(name for name in os.listdir(themes_path)
                  if os.path.isdir(os.path.join(themes_path, name))
                  and os.path.realpath(os.path.join(themes_path, name)) != base)


def campaign_files(settings):
    """The absolute path of every campaign's campaign.yaml: values of the Campaign a page reads, whose fields a
    rebuild hashes (incremental.digest), so they are not in the hash of what every page is rendered with."""
    root = Path(settings["PATH"], settings["CAMPAIGNS_PATH"]).absolute()
    if not root.is_dir():
        return []
    return sorted(str(path / CAMPAIGN_FILE) for path in root.iterdir() if (path / CAMPAIGN_FILE).is_file())


def load_campaigns(settings, themes_path, mailing_lists):
    """[Campaign] for every content/<CAMPAIGNS_PATH>/<slug>/, sorted by slug, each with its page files."""
    content_path, folder = settings["PATH"], settings["CAMPAIGNS_PATH"]
    root = Path(content_path) / folder
    if not root.is_dir():
        return []
    themes = overlay_names(themes_path, settings["THEME"])
    campaigns = []
    for path in sorted(p for p in root.iterdir() if p.is_dir()):
        rel = f"{folder}/{path.name}/{CAMPAIGN_FILE}"
        if not (path / CAMPAIGN_FILE).is_file():
            raise ContentError(rel, t("a campaign folder needs its campaign.yaml"),
                               hint=t("run `invoke new-campaign {slug}` in an empty place and copy it, "
                                      "or see docs/campaigns.md", slug=path.name))
        campaign = parse_campaign((path / CAMPAIGN_FILE).read_text(encoding="utf-8"), rel,
                                  site_languages=list(settings["LANGUAGES"]), content_path=content_path,
                                  themes=themes, mailing_lists=mailing_lists)
        campaign.files = page_files(campaign, path, settings["LANGUAGES"])
        campaigns.append(campaign)
    return campaigns


def page_files(campaign, path, site_languages):
    """{lang: [relative path of each Markdown page]}; every language has its index, no page is in another language."""
    files = {lang: [] for lang in campaign.languages}
    for md in sorted(path.glob("*.md")):
        rel = f"{campaign.folder}/{md.name}"
        lang = file_language(rel, site_languages)
        if lang not in campaign.languages:
            raise ContentError(rel, t("this campaign is not published in '{language}'", language=lang),
                               hint=t("add {language} to 'languages:' in {file}, or remove the file",
                                      language=lang, file=campaign.path))
        files[lang].append(rel)
    for lang, names in files.items():
        if f"{campaign.folder}/index.{lang}.md" not in names:
            raise ContentError(campaign.path, t("the campaign's home page in '{language}' is missing", language=lang),
                               hint=t("add {file}, or remove {language} from 'languages:'",
                                      file=f"{campaign.folder}/index.{lang}.md", language=lang))
    slugs = {os.path.basename(rel).split(".")[0] for names in files.values() for rel in names}
    for entry, item in zip(campaign.menu, campaign.menu_nodes):
        if entry not in slugs:
            raise item.error(t("the menu names '{entry}', but the campaign has no page {entry}.<lang>.md", entry=entry),
                             hint=t("its pages: {pages}", pages=sorted(slugs)))
    return files


def copy_assets(campaign, content_path, output_path):
    """The campaign's logo and hero image, to /<campaigns>/<slug>/ beside its pages."""
    target = Path(output_path) / campaign.folder
    target.mkdir(parents=True, exist_ok=True)
    for name in filter(None, (campaign.logo, campaign.hero)):
        shutil.copyfile(Path(content_path) / campaign.folder / name, target / name)


def copy_overlay_static(themes_path, name, output_path, theme_static_dir):
    """themes/<name>/static/ → /<THEME_STATIC_DIR>/overlays/<name>/ (overlay.css, a logo, fonts…)."""
    source = Path(themes_path) / name / "static"
    if source.is_dir():
        shutil.copytree(source, Path(output_path) / theme_static_dir / "overlays" / name, dirs_exist_ok=True)
