"""Pelican's Markdown reader, with our metadata checks run first so errors name the line,
and every piece of HTML it makes passed through the one sanitiser (plugins/safety)."""

import os
from pathlib import Path

from markdown import Markdown
from messages import t
from pelican.readers import MarkdownReader
from pelican.utils import slugify
# Modules, not names: safety's modules import bilingual.errors, so either package may be imported first.
from safety import items as sanitiser
from safety import limits

from .errors import ContentError
from .metadata import PLACE_KEYS, check_header, check_place, file_language, latin_digits, read_header

META_PRIORITY = 27  # where markdown.extensions.meta registers its preprocessor
DATES = ("date", "modified")  # metadata Pelican parses as dates: Arabic digits made Latin first


class CheckedMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One Markdown per reader, reset between files: Pelican builds a new one per file, and
        # loading its extensions cost more than converting the file (~8% of a cold build).
        self._markdown = None

    def read(self, source_path):
        rel = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        try:
            text = Path(source_path).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ContentError(rel, t("the file is not UTF-8 text ({reason})", reason=exc.reason),
                               hint=t("save it as UTF-8 in your editor")) from None
        text = text.removeprefix("\ufeff")  # a byte-order mark, as some editors write
        limits.check_markdown_text(rel, text)  # size, invisible characters, nesting: before Markdown sees it
        header = read_header(text, rel)
        lang = file_language(rel, self.settings["LANGUAGES"])
        is_article = rel.split("/", 1)[0] in self.settings["CATEGORIES"]
        check_header(rel, header, lang=lang, languages=self.settings["LANGUAGES"], is_article=is_article)
        folder, _, name = rel.rpartition("/")
        check_place(rel, header, slug=name.split(".", 1)[0], folder=folder.rpartition("/")[2],
                    category_slug=self._category_slug)
        content, metadata = self._convert(rel, text)
        for key in PLACE_KEYS:  # they agree with the file's place: Pelican takes both from it, as without them
            metadata.pop(key, None)
        summary_line = header.get("summary", (None, None))[1]
        content, summary, notes = sanitiser.clean_item(rel, text, content, metadata.get("summary"), summary_line)
        if summary is not None:
            metadata["summary"] = summary
        # Kept on the item (as .header: {key: (raw value, line)}) so other checks can name lines too.
        metadata["header"] = header
        metadata.pop("translation", None)  # 'Translation: none' is ours (sitecheck), not Pelican's translation flag
        metadata["source_rel"] = rel
        metadata["content_notes"] = notes  # what the sanitiser removed (warnings), reported with the site's checks
        return content, metadata

    def _category_slug(self, name):
        """The slug Pelican makes of a category's name (urlwrappers.URLWrapper.slug, without its warning)."""
        settings = self.settings
        return slugify(name, regex_subs=settings.get("CATEGORY_REGEX_SUBSTITUTIONS",
                                                     settings.get("SLUG_REGEX_SUBSTITUTIONS", [])),
                       preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                       use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))

    def _convert(self, rel, text):
        """What MarkdownReader.read does, with the reader's one Markdown instead of a new one."""
        if self._markdown is None:
            self._markdown = Markdown(**self.settings["MARKDOWN"])
        self._source_path, self._md = os.path.join(self.settings["PATH"], rel), self._markdown
        self._md.reset()
        try:
            with limits.time_limit(limits.CONVERT_SECONDS):
                content = self._md.convert(text)
                metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        except (limits.TooSlow, RecursionError):
            self._markdown = None  # left half-way through a conversion: start the next file afresh
            raise ContentError(rel, t("Markdown could not convert this file within {seconds} seconds",
                                      seconds=limits.CONVERT_SECONDS),
                               hint=t("look for very long lines of brackets, stars or nested lists; "
                                      "split the file or simplify the formatting")) from None
        return content, metadata

    def _parse_metadata(self, meta):
        # Pelican removes the meta preprocessor for the summary's conversion, as its Markdown
        # was used once; ours converts the next file too, so the preprocessor goes back.
        preprocessor = self._md.preprocessors["meta"]
        # check_header accepted a date typed in Arabic digits; Pelican gets it in Latin ones.
        meta = {key: [latin_digits(v) for v in value] if key in DATES else value for key, value in meta.items()}
        try:
            return super()._parse_metadata(meta)
        finally:
            if "meta" not in self._md.preprocessors:
                self._md.preprocessors.register(preprocessor, "meta", META_PRIORITY)
