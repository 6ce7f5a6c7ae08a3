"""`invoke new`: the files of a new publication, news item or page, with the metadata to fill in.

The slug (file name and address) must be Latin: it comes from --slug, or from the English title.
An Arabic title alone is not transliterated — unvowelled transliteration gives addresses nobody
can read or guess ("tqryr-lkhswsy") — so the person is asked for a slug instead.
"""

import re
import unicodedata
from pathlib import Path

from bilingual.metadata import SLUG, suggest
from messages import t
from publications.labels import TYPE_LABELS

KINDS = {"publication": "publications", "news": "news", "page": "pages"}  # kind → content folder
MAX_SLUG = 60

# Placeholders and notes per language. The notes are Markdown link definitions (`[//]: # "…"`),
# which Markdown drops: they never reach the site, so forgetting to delete them is harmless.
TEXT = {
    "en": {
        "summary": "One or two sentences: what this is and why it matters (listings and search engines show it).",
        "body": "Write the text here. Headings start with `##`; a link is written `[words](https://…)`.",
        "notes": "Notes for you: lines starting with [//]: # never appear on the site.",
        "optional": "Lines you may add above, before the empty line (docs/staff.en.md, section 1):",
        "topics": "Topics: privacy, hate-speech — codes from content/data/topics.yaml",
        "authors": "Authors: 7amleh — codes from content/data/authors.yaml (without it: 7amleh)",
        "pdf": "PDF: pdfs/{slug}.{lang}.pdf — this language's PDF, put in content/pdfs/",
        "cover": "Cover: images/{slug}.jpg — an image in content/images/",
        "draft": "Status: draft — built at /drafts/ for you to look at, never published",
        "translate": "The other language: the same file name with .{other}.md (invoke new can make both).",
    },
    "ar": {
        "summary": "جملة أو جملتان: ما هذا ولماذا يهمّ (يظهر في القوائم ولمحركات البحث).",
        "body": "اكتبوا النص هنا. العناوين تبدأ بـ `##`، والرابط يُكتب `[كلمات](https://…)`.",
        "notes": "ملاحظات لكم: الأسطر التي تبدأ بـ [//]: # لا تظهر على الموقع أبداً.",
        "optional": "أسطر يمكن إضافتها في الأعلى قبل السطر الفارغ (docs/staff.ar.md، القسم ١):",
        "topics": "Topics: privacy, hate-speech — رموز من content/data/topics.yaml",
        "authors": "Authors: 7amleh — رموز من content/data/authors.yaml (من دونه: 7amleh)",
        "pdf": "PDF: pdfs/{slug}.{lang}.pdf — ملف PDF لهذه اللغة، يوضع في content/pdfs/",
        "cover": "Cover: images/{slug}.jpg — صورة في content/images/",
        "draft": "Status: draft — يُبنى في /drafts/ لتروه، ولا يُنشر أبداً",
        "translate": "اللغة الأخرى: اسم الملف نفسه مع .{other}.md (يمكن لـ invoke new إنشاء الاثنين).",
    },
}


class ScaffoldError(Exception):
    """Nothing was written; the message says what to do."""


class SlugNeeded(ScaffoldError):
    """No title has Latin letters and no --slug was given: ask for one."""


def unknown(message, value, choices):
    """A ScaffoldError for a value not among `choices`, with 'did you mean …?' when one is close."""
    close = suggest(value, choices)
    return ScaffoldError(t("{problem}; {suggestion}", problem=message, suggestion=close) if close else message)


def slugify(title):
    """A Latin slug from a title: 'Annual Report 2023: Gaza' → 'annual-report-2023-gaza'; '' if nothing Latin."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("'", "")).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def choose_slug(titles, slug=None):
    """--slug if given (checked), else the slug of the first title with Latin letters in it."""
    if slug:
        if not SLUG.match(slug):
            raise ScaffoldError(t("--slug '{slug}': use lower-case Latin letters, digits and hyphens, "
                                  "e.g. annual-report-2023", slug=slug))
        return slug
    for lang in ("en", *titles):
        candidate = slugify(titles.get(lang, ""))
        if re.search(r"[a-z]", candidate):
            return candidate
    raise SlugNeeded(t("the address of an item is in Latin letters: add --slug, e.g. --slug annual-report-2023 "
                       "(lower-case letters, digits and hyphens; the translation shares it)"))


def render(kind, lang, title, slug, date, type_=None, languages=("ar", "en")):
    """The text of one file: the metadata block, the notes, a placeholder paragraph."""
    text = TEXT[lang]
    lines = [f"Title: {title}"]
    if kind != "page":
        lines.append(f"Date: {date.isoformat()}")
    if kind == "publication":
        lines.append(f"Type: {type_}")
    lines += [f"Summary: {text['summary']}", ""]
    optional = ["topics", "authors", "pdf", "cover"] if kind == "publication" else ["topics"] if kind == "news" else []
    others = [code for code in languages if code != lang]
    notes = [text["notes"], text["optional"], *(text[key] for key in optional), text["draft"],
             *(text["translate"].format(other=other) for other in others[:1])]
    lines += [f'[//]: # "{note.format(slug=slug, lang=lang)}"' for note in notes]
    return "\n".join(lines + ["", text["body"], ""])


def plan(content, kind, titles, slug=None, type_=None, date=None, languages=("ar", "en")):
    """{path: text} of the files to write, or ScaffoldError; checks everything before anything is written."""
    if kind not in KINDS:
        raise unknown(t("unknown kind '{kind}': use one of {kinds}", kind=kind, kinds=list(KINDS)), kind, KINDS)
    titles = {lang: title.strip() for lang, title in titles.items() if title and title.strip()}
    if not titles:
        raise ScaffoldError(t("give a title in at least one language, e.g. --en \"Annual report 2023\" --ar \"…\""))
    strangers = [lang for lang in titles if lang not in languages]
    if strangers:
        raise unknown(t("unknown language '{lang}': the site's languages are {languages}", lang=strangers[0],
                        languages=list(languages)), strangers[0], languages)
    if kind == "publication" and not type_:
        raise ScaffoldError(t("a publication needs --type: one of {types}", types=list(TYPE_LABELS)))
    if kind == "publication" and type_ not in TYPE_LABELS:
        raise unknown(t("unknown type '{type}': one of {types}", type=type_, types=list(TYPE_LABELS)),
                      type_, TYPE_LABELS)
    if kind != "publication" and type_:
        raise ScaffoldError(t("--type is for publications only"))
    slug = choose_slug(titles, slug)
    folder = Path(content) / KINDS[kind]
    taken = sorted(folder.glob(f"{slug}.*.md"))
    if taken:
        raise ScaffoldError(t("{file} already exists: the slug '{slug}' is taken in {folder}/; "
                              "choose another with --slug (nothing was written)", file=taken[0], slug=slug,
                              folder=KINDS[kind]))
    return {folder / f"{slug}.{lang}.md": render(kind, lang, title, slug, date, type_, languages)
            for lang, title in titles.items()}


def write(files):
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
