"""The SEARCH settings dict: defaults in one place, checked once per language run."""

from bilingual.errors import ContentError
from messages import t, tn

DEFAULTS = {
    "boosts": {"title": 10, "headings": 4, "body": 1},  # lunr field boosts: title over headings over body
    "shard_bytes": 12_000,  # target size of one index shard, uncompressed JSON
    "excerpt_chars": 1_500,  # body text kept per item for result snippets
}


def search_settings(settings, settings_path="pelicanconf.py"):
    """DEFAULTS updated with settings['SEARCH']; an unknown key or a bad value stops the build."""
    given = settings.get("SEARCH") or {}
    if not isinstance(given, dict):
        raise ContentError(settings_path, t("SEARCH must be a dict (search plugin)"))
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ContentError(settings_path, tn("SEARCH: unknown key {keys} (search plugin)",
                                             "SEARCH: unknown keys {keys} (search plugin)",
                                             len(unknown), keys=[repr(key) for key in unknown]),
                           hint=t("known keys: {keys}", keys=list(DEFAULTS)))
    merged = {**DEFAULTS, **given}
    boosts = merged["boosts"]
    if not isinstance(boosts, dict) or set(boosts) != set(DEFAULTS["boosts"]) or not all(
            isinstance(b, (int, float)) and b > 0 for b in boosts.values()):
        raise ContentError(settings_path, t("SEARCH['boosts'] must give a positive number for title, headings and body"))
    for key in ("shard_bytes", "excerpt_chars"):
        if not isinstance(merged[key], int) or merged[key] < 100:
            raise ContentError(settings_path, t("SEARCH['{key}'] must be a whole number of at least 100", key=key))
    return merged
