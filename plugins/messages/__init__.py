"""messages: what the build says to a person, in their language (not a Pelican plugin).

Every message and hint the build, `invoke check`, `invoke new` and `invoke publish` print is
written in English as `t("the slug '{slug}' is also used by {other}", slug=…, other=…)`. That
makes a `Text`: the English template and its values, translated only when it is shown
(`render(text, lang)`), so an error raised in a forked language, or kept with an item in the
content cache, is shown in whatever language the person reading it chose for this run.

The translations are gettext catalogs, one per package that speaks (`plugins/<name>/messages.ar.po`,
`tooling/messages.ar.po`), extracted and updated by `invoke messages` (keywords `t` and `tn`).
"""

from .catalogs import LANGUAGES, translations
from .text import Text, anchor, current, render, sentences, t, tn, use

__all__ = ["LANGUAGES", "Text", "anchor", "current", "render", "sentences", "t", "tn", "translations", "use"]
