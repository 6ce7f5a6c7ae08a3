"""The SHARE_CARDS settings dict: defaults in one place, checked when a language's helpers are installed."""

from pathlib import Path

from bilingual.settingsfile import settings_error
from messages import t, tn

DEFAULTS = {
    "cache": ".cache/cards",  # drawn cards by content hash, relative to the settings file's folder
    "folder": "cards",  # where cards go in the output: /cards/<page address>card.png
}


def card_settings(settings):
    """DEFAULTS updated with settings['SHARE_CARDS']; an unknown key or a bad value stops the build,
    naming the settings file and line."""
    where = settings.get("SETTINGS_FILE") or "pelicanconf.py"
    given = settings.get("SHARE_CARDS") or {}
    if not isinstance(given, dict):
        raise settings_error(where, "SHARE_CARDS", t("must be a dict (share cards plugin)"))
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise settings_error(where, "SHARE_CARDS",
                             tn("unknown key {keys} (share cards plugin)", "unknown keys {keys} (share cards plugin)",
                                len(unknown), keys=[repr(key) for key in unknown]),
                             hint=t("known keys: {keys}", keys=list(DEFAULTS)))
    merged = {**DEFAULTS, **given}
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
