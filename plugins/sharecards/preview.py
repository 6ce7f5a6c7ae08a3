"""What a platform shows of each built page — title, description, picture — read from the pages'
own <head>, as Facebook's, X's, WhatsApp's and Telegram's crawlers read it (`invoke check`).

Limits, in characters: platforms cut by width, not by count, and each differently; these are where
the tightest common layouts cut. A title past 70 is cut by X's card and by Facebook's and
LinkedIn's mobile previews (two lines); a description past 160 by Facebook and LinkedIn (X keeps
about 200, WhatsApp and Telegram show about two to three lines). Arabic letters are narrower than
Latin ones, so an Arabic text near a limit usually shows whole: the warning is a prompt to look.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from messages import t

TITLE_LIMIT = 70
DESCRIPTION_LIMIT = 160
CARD_SIZE = (1200, 630)


class HeadReader(HTMLParser):
    """<html lang>, and the content of every <meta property|name> of a page's head."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.meta = "", {}

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        elif tag == "meta":
            name = values.get("property") or values.get("name")
            if name and name not in self.meta:
                self.meta[name] = values.get("content") or ""


@dataclass
class Shared:
    """One page as a platform shows it, and what to tell staff about it."""
    address: str  # /publications/x/
    lang: str
    title: str
    description: str
    image: str  # the card's address in the output, or ""
    general: bool = False  # the description is the site's general one (the page has none of its own)
    problems: list = field(default_factory=list)  # messages.Text


def head_of(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    end = text.find("</head>")
    reader = HeadReader()
    reader.feed(text[:end] if end >= 0 else text)
    return reader


def address_of(rel):
    rel = rel.as_posix()
    return "/" + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)


def local_image(url, domain):
    """The output path of an og:image on this site (query left out), or None."""
    if not url.startswith(domain.rstrip("/") + "/"):
        return None
    path = url[len(domain.rstrip("/")) + 1:].split("?", 1)[0].split("#", 1)[0]
    return None if (not path or ".." in path.split("/")) else path


def shorten(text, limit):
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def preview(output, domain):
    """[Shared] for every page of the built site (not the staff reports under /_reports/), by address."""
    output = Path(output)
    pages = sorted(p for p in output.rglob("*.html") if not p.relative_to(output).as_posix().startswith("_reports/"))
    heads = {page: head_of(page) for page in pages}
    homes = {}  # lang → the home page's description: what a page without one of its own gets
    for page, head in heads.items():
        if address_of(page.relative_to(output)) in ("/", f"/{head.lang}/"):
            homes.setdefault(head.lang, head.meta.get("og:description", ""))
    shared = []
    for page, head in heads.items():
        meta = head.meta
        entry = Shared(address_of(page.relative_to(output)), head.lang, " ".join(meta.get("og:title", "").split()),
                       " ".join(meta.get("og:description", "").split()), "")
        home = entry.address in ("/", f"/{head.lang}/")
        entry.general = not home and entry.description == " ".join(homes.get(head.lang, "").split())
        if not entry.title:
            entry.problems.append(t("no title: platforms show the address instead"))
        elif len(entry.title) > TITLE_LIMIT:
            entry.problems.append(t("the title has {count} characters: platforms cut it after about {limit}, at "
                                    "«{kept}»", count=len(entry.title), limit=TITLE_LIMIT,
                                    kept=shorten(entry.title, TITLE_LIMIT)))
        if not entry.description:
            entry.problems.append(t("no description: platforms show a line of the page's text, or nothing"))
        elif entry.general and meta.get("og:type") == "article":
            entry.problems.append(t("no summary of its own: platforms show the site's general description"))
        elif len(entry.description) > DESCRIPTION_LIMIT:
            entry.problems.append(t("the description has {count} characters: platforms cut it after about {limit}, "
                                    "at «{kept}»", count=len(entry.description), limit=DESCRIPTION_LIMIT,
                                    kept=shorten(entry.description, DESCRIPTION_LIMIT)))
        image = local_image(meta.get("og:image", ""), domain)
        if image is None:
            entry.problems.append(t("no picture of this site: og:image is missing or leads elsewhere"))
        elif not (output / image).is_file():
            entry.problems.append(t("the picture {path} was not written", path=image))
        else:
            with Image.open(output / image) as picture:
                if picture.size != CARD_SIZE:
                    entry.problems.append(t("the picture {path} is {width}×{height}, not 1200×630", path=image,
                                            width=picture.width, height=picture.height))
            entry.image = image
        shared.append(entry)
    return sorted(shared, key=lambda entry: entry.address)


def render(shared):
    """The listing `invoke check` prints: every page, then what platforms will show of it."""
    lines = []
    for entry in shared:
        description = t("(the site's general description)") if entry.general else shorten(entry.description,
                                                                                           DESCRIPTION_LIMIT)
        lines += [f"{entry.address}  [{entry.lang}]",
                  "    " + str(t("title: {text}", text=shorten(entry.title, TITLE_LIMIT))),
                  "    " + str(t("description: {text}", text=description)),
                  "    " + str(t("picture: {path}", path=f"/{entry.image}" if entry.image else "–"))]
        lines += ["    ! " + str(problem) for problem in entry.problems]
    return "\n".join(lines)
