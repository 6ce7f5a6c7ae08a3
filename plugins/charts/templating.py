"""What templates get from the charts plugin: Markdown content split around its charts."""

from markupsafe import Markup

from bilingual.l10n import load_translations, with_numerals
from bilingual.templating import translations_dir

from .directive import SLOT
from .figure import ChartMaker, Words
from .raster import ChartImages, cache_root
from .store import load_store


def chart_maker(settings):
    """The ChartMaker of the settings' language; every chart it builds also gets its image, written
    into the output folder (raster.ChartImages)."""
    lang = settings["DEFAULT_LANG"]
    language = settings["LANGUAGES"][lang]
    words = Words(lang, language["locale"], settings["NUMERALS"],
                  load_translations(translations_dir(settings), lang), settings.get("ARABIC_MONTHS", "levantine"))
    images = ChartImages(settings["OUTPUT_PATH"], settings["LANG_PREFIX"], cache_root(settings))
    return ChartMaker(load_store(settings), words, language["dir"] == "rtl", settings["LANG_PREFIX"], images)


def chart_parts_filter(maker):
    def chart_parts(html, item):
        """[Markup | Chart]: the item's HTML with every chart slot replaced by its Chart."""
        specs = getattr(item, "charts", [])
        parts, used, last = [], {}, 0
        for match in SLOT.finditer(html):
            parts.append(Markup(html[last:match.start()]))
            spec = specs[int(match.group(1))]
            used[spec.slug] = used.get(spec.slug, 0) + 1
            suffix = f"-{used[spec.slug]}" if used[spec.slug] > 1 else ""  # the same chart twice on a page
            parts.append(maker.build(spec, chart_id=spec.slug + suffix))
            last = match.end()
        parts.append(Markup(html[last:]))
        return parts

    return chart_parts


def setup_environment(env, settings):
    env.filters["chart_parts"] = chart_parts_filter(chart_maker(settings))
    # Years are written without a thousands separator, in the site's digits.
    env.filters["l10n_year"] = lambda year: with_numerals(str(year), settings["NUMERALS"])
