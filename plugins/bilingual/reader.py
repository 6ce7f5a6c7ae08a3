"""Pelican's Markdown reader, with our metadata checks run first so errors name the line."""

import os
from pathlib import Path

from pelican.readers import MarkdownReader

from .errors import ContentError
from .metadata import check_header, file_language, read_header


class CheckedMarkdownReader(MarkdownReader):
    def read(self, source_path):
        rel = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        try:
            text = Path(source_path).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ContentError(rel, f"the file is not UTF-8 text ({exc.reason})",
                               hint="save it as UTF-8 in your editor") from None
        header = read_header(text)
        lang = file_language(rel, self.settings["LANGUAGES"])
        is_article = rel.split("/", 1)[0] in self.settings["CATEGORIES"]
        check_header(rel, header, lang=lang, languages=self.settings["LANGUAGES"], is_article=is_article)
        content, metadata = super().read(source_path)
        # Kept on the item (as .header: {key: (raw value, line)}) so other checks can name lines too.
        metadata["header"] = header
        metadata["source_rel"] = rel
        return content, metadata
