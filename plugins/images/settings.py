"""The IMAGES settings dict: defaults in one place, checked once per language run."""

from bilingual.settingsfile import plugin_table, settings_error
from messages import t

DEFAULTS = {
    # WebP widths in CSS pixels × density: 480 fits a phone at 1x, 960 a phone at 2x or the
    # 42rem text column at 1x, 1440 the column at 2x. Never wider than the source.
    "widths": [480, 960, 1440],
    "webp_quality": 75,  # 1–100; libwebp's photos look clean from ~70, and bytes grow fast above 80
    "jpeg_quality": 82,  # the fallback for browsers without WebP (iOS 13 and older)
    # What the `sizes` attribute tells the browser: the text column is 42rem wide inside 1rem of
    # padding each side (site.css: --measure, main). Keep in step with the stylesheet.
    "sizes": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    "cache": ".cache/images",  # encoded files by content hash, relative to the settings file's folder
}


def image_settings(settings):
    """DEFAULTS updated with settings['IMAGES']; an unknown key or a bad value stops the build,
    naming the settings file and line."""
    where, merged = plugin_table(settings, "IMAGES", DEFAULTS, t("images plugin"))
    widths = merged["widths"]
    if not (isinstance(widths, list) and widths and all(type(w) is int and w >= 16 for w in widths)
            and widths == sorted(set(widths))):
        raise settings_error(where, "IMAGES", t("must be a list of whole numbers of pixels (16 or more), smallest "
                                                "first"), "widths", hint=t("e.g. {example}", example="[480, 960, 1440]"))
    for key in ("webp_quality", "jpeg_quality"):
        if type(merged[key]) is not int or merged[key] not in range(1, 101):
            raise settings_error(where, "IMAGES", t("must be a whole number from 1 to 100"), key)
    if not isinstance(merged["sizes"], str) or not merged["sizes"].strip():
        raise settings_error(where, "IMAGES", t("must be the text of a sizes attribute"), "sizes")
    return merged
