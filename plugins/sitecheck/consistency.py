"""One item, consistent languages: the translations of an item agree on what is not language.

The type, the date, the topics, the authors, the cover and whether there is a PDF decide
where an item is listed and how it is shown; if the Arabic and English files disagree, the
two languages list the same item in different places. A disagreement is a warning naming
both files (`--strict`: an error), on the translation, against the main language's file.
"""

from bilingual.errors import ContentError
from bilingual.metadata import parse_date, split_list
from messages import t

# key → (how to compare its raw value, the message: each a whole sentence, so each translates well)
SHARED = {
    "type": (str.strip, lambda **values: t("the type differs from {file}: {here} here, {there} there", **values)),
    # the day: the time may differ
    "date": (lambda value: str(parse_date(value) or value)[:10],
             lambda **values: t("the date differs from {file}: {here} here, {there} there", **values)),
    "topics": (lambda value: sorted(split_list(value)),
               lambda **values: t("the topics differ from {file}: {here} here, {there} there", **values)),
    "authors": (lambda value: sorted(split_list(value)),
                lambda **values: t("the authors differ from {file}: {here} here, {there} there", **values)),
    "cover": (lambda value: value.strip().lstrip("/"),
              lambda **values: t("the cover differs from {file}: {here} here, {there} there", **values)),
}


def _item_key(rel):
    """(folder, slug) of 'folder/slug.lang.md': what the translations of one item share."""
    folder, _, name = rel.rpartition("/")
    return folder, name.split(".", 1)[0]


def _shown(header, key):
    if key == "authors" and key not in header and "author" in header:
        key = "author"
    return header.get(key)


def consistency_warnings(items, main_lang):
    """[ContentError] for every translation that disagrees with its item's main-language file.

    items: sitecheck.Item (path, header …) of every item.
    """
    groups = {}
    for item in items:
        groups.setdefault(_item_key(item.path), []).append((item.path, item.header))
    found = []
    for files in groups.values():
        if len(files) < 2:
            continue
        files.sort(key=lambda f: (f[0].rsplit(".", 2)[-2] != main_lang, f[0]))  # the main language first
        (first, first_header), others = files[0], files[1:]
        for rel, header in others:
            for key, (normal, differs) in SHARED.items():
                mine, theirs = _shown(header, key), _shown(first_header, key)
                if mine is None and theirs is None:
                    continue
                if mine is not None and theirs is not None and normal(mine[0]) == normal(theirs[0]):
                    continue
                found.append(ContentError(
                    rel, differs(file=first, here=_say(mine), there=_say(theirs)), line=mine[1] if mine else 1,
                    hint=t("the languages of one item share its '{key}:' line; make both files say the same",
                           key=key.title())))
            if ("pdf" in header) != ("pdf" in first_header):
                has, lacks = (rel, first) if "pdf" in header else (first, rel)
                found.append(ContentError(rel, t("{has} has a PDF and {lacks} has none", has=has, lacks=lacks),
                                          line=(header.get("pdf") or (None, 1))[1],
                                          hint=t("give each language its PDF (PDF: pdfs/<name>.<lang>.pdf), "
                                                 "or say in the text that the PDF is in one language only")))
    return found


def _say(entry):
    return f"'{entry[0]}'" if entry else t("none")
