"""One item, consistent languages: the translations of an item agree on what is not language.

The type, the date, the topics, the authors, the cover and whether there is a PDF decide
where an item is listed and how it is shown; if the Arabic and English files disagree, the
two languages list the same item in different places. A disagreement is a warning naming
both files (`--strict`: an error), on the translation, against the main language's file.
"""

from bilingual.errors import ContentError
from bilingual.metadata import parse_date, split_list

# key → (how to compare its raw value, how to say it)
SHARED = {
    "type": (str.strip, "type"),
    "date": (lambda value: str(parse_date(value) or value)[:10], "date"),  # the day: the time may differ
    "topics": (lambda value: sorted(split_list(value)), "topics"),
    "authors": (lambda value: sorted(split_list(value)), "authors"),
    "cover": (lambda value: value.strip().lstrip("/"), "cover"),
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
    """[ContentError] for every translation that disagrees with its item's main-language file."""
    groups = {}
    for rel, _, header, _ in items:
        groups.setdefault(_item_key(rel), []).append((rel, header))
    found = []
    for files in groups.values():
        if len(files) < 2:
            continue
        files.sort(key=lambda f: (f[0].rsplit(".", 2)[-2] != main_lang, f[0]))  # the main language first
        (first, first_header), others = files[0], files[1:]
        for rel, header in others:
            for key, (normal, name) in SHARED.items():
                mine, theirs = _shown(header, key), _shown(first_header, key)
                if mine is None and theirs is None:
                    continue
                if mine is not None and theirs is not None and normal(mine[0]) == normal(theirs[0]):
                    continue
                found.append(ContentError(
                    rel, f"the {name} differs from {first}: {_say(mine)} here, {_say(theirs)} there",
                    line=mine[1] if mine else 1,
                    hint=f"the languages of one item share its {name}; make both files say the same"))
            if ("pdf" in header) != ("pdf" in first_header):
                has, lacks = (rel, first) if "pdf" in header else (first, rel)
                found.append(ContentError(rel, f"{has} has a PDF and {lacks} has none",
                                          line=(header.get("pdf") or (None, 1))[1],
                                          hint="give each language its PDF (PDF: pdfs/<name>.<lang>.pdf), "
                                               "or say in the text that the PDF is in one language only"))
    return found


def _say(entry):
    return f"'{entry[0]}'" if entry else "none"
