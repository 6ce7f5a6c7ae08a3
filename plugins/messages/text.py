"""A message kept as its English template and values, translated when shown."""

import os

from .catalogs import LANGUAGES, translations

ENVIRONMENT = "SITE_MESSAGES"  # a person's own choice (`export SITE_MESSAGES=en`), above the site's setting
_chosen = {"lang": "en"}  # the language of this run's messages: use() sets it as a build starts


class Text:
    """`template` (English, with {name} fields) and its values; str() gives the run's language."""

    __slots__ = ("template", "plural", "count", "values")

    def __init__(self, template, values, plural=None, count=None):
        self.template, self.plural, self.count, self.values = template, plural, count, values

    def render(self, lang):
        catalog = translations(lang)
        if self.plural is None:
            pattern = catalog.gettext(self.template)
        else:
            pattern = catalog.ngettext(self.template, self.plural, self.count)
        values = {name: render(value, lang) for name, value in self.values.items()}
        return pattern.format(count=self.count, **values) if self.plural else pattern.format(**values)

    def __str__(self):
        return self.render(_chosen["lang"])

    def __format__(self, spec):
        return format(str(self), spec)

    def __repr__(self):
        return f"t({self.template!r}, {self.values!r})"

    def __eq__(self, other):
        return isinstance(other, Text) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def _key(self):
        return self.template, self.plural, self.count, repr(sorted(self.values.items(), key=lambda kv: kv[0]))

    def __getstate__(self):
        return {name: getattr(self, name) for name in Text.__slots__}  # a subclass's __slots__ is ()

    def __setstate__(self, state):
        for name, value in state.items():
            setattr(self, name, value)


def t(template, **values):
    """A message or hint to show in the reader's language; values may be Texts too."""
    return Text(template, values)


def tn(singular, plural, count, **values):
    """Like t(), with the plural form that `count` needs in the reader's language ({count} in both)."""
    return Text(singular, values, plural=plural, count=count)


class Sentences(Text):
    """Several messages shown one after another ("did you mean …? types: …"); empty parts left out."""

    __slots__ = ()

    def __init__(self, parts):
        super().__init__("", {"parts": tuple(part for part in parts if part)})

    def render(self, lang):
        return " ".join(render(part, lang) for part in self.values["parts"])

    def __repr__(self):
        return f"sentences{self.values['parts']!r}"


def sentences(*parts):
    """`parts` (Texts or text; None and "" skipped) shown in order, separated by spaces."""
    return Sentences(parts)


def render(value, lang=None):
    """A Text in `lang` (default: this run's language); anything else as str(); lists joined with ', '."""
    lang = lang or _chosen["lang"]
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return ("، " if lang == "ar" else ", ").join(render(part, lang) for part in value)
    return str(value)


def use(setting=None, override=None):
    """Choose this run's language: `--messages` (override), then $SITE_MESSAGES, then the setting."""
    for candidate in (override, os.environ.get(ENVIRONMENT), setting):
        if candidate in LANGUAGES:
            _chosen["lang"] = candidate
            break
    return _chosen["lang"]


def current():
    return _chosen["lang"]
