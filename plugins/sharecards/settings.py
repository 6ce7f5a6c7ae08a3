"""The SHARE_CARDS settings dict: defaults in one place, checked when a language's helpers are installed."""

from pathlib import Path

from bilingual.settingsfile import plugin_table, settings_error
from messages import t

DEFAULTS = {
    "cache": ".cache/cards",  # drawn cards by content hash, relative to the settings file's folder
    "folder": "cards",  # where cards go in the output: /cards/<page address>card.png
}


def card_settings(settings):
    """DEFAULTS updated with settings['SHARE_CARDS']; an unknown key or a bad value stops the build,
    naming the settings file and line."""
    where, merged = plugin_table(settings, "SHARE_CARDS", DEFAULTS, t("share cards plugin"))
    for key in DEFAULTS:
        value = merged[key]
        if not isinstance(value, str) or not value.strip():
            raise settings_error(where, "SHARE_CARDS", t("must be a folder name"), key)
    folder = merged["folder"].strip("/")
    if not folder or any(part in ("", ".", "..") for part in folder.split("/")):
        raise settings_error(where, "SHARE_CARDS", t("must be a folder inside the output, like {example}",
                                                     example='"cards"'), "folder")
    base = Path(where).resolve().parent
    return {"cache": base / merged["cache"], "folder": folder}
