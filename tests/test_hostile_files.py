"""Files an attacker could slip into content/ through a pull request never reach the site.

Scripts and pages in the static folders, files whose bytes are not their name's kind, SVG
that runs script or contacts another host, symbolic links, pages Pelican would read
without our checks: each stops the build before anything is read, naming the file (and
the SVG's line), and output/ stays as it was. See docs/decisions/0008-content-files.md.
"""

import io
import os
import shutil
import time
import tracemalloc

import pytest
from pelican.settings import read_settings
from PIL import Image

from bilingual.errors import BuildError
from conftest import ROOT, SETTINGS, TinySite, tree_digest
from safety.files import check_content_files
from safety.svg import check_svg


class Link:
    """A symbolic link to write into the content folder instead of a file."""

    def __init__(self, target):
        self.target = target


class Fifo:
    """A named pipe: reading it would wait for a writer for ever."""


def write(site, files):
    for rel, value in files.items():
        path = site.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, Link):
            os.symlink(value.target, path)
        elif isinstance(value, Fifo):
            os.mkfifo(path)
        else:
            site.write({rel: value})


def picture(fmt, size=(40, 20)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(out, fmt)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">\n'
DRAWING = SVG_OPEN + '<rect width="4" height="4" fill="#8c1d40"/>\n</svg>\n'
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n <!ENTITY lol "lol">\n'
          + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1 if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
          + ']>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>\n')

GOOD = {
    "news/first.en.md": "Title: First news\nDate: 2023-02-20\nSummary: A first item.\n\nBody.\n",
    "news/first.ar.md": "Title: الخبر الأول\nDate: 2023-02-20\nSummary: خبر أول.\n\nنص.\n",
    "pages/about.en.md": "Title: About\n\nAbout us.\n",
    "pdfs/report.en.pdf": PDF,
    "images/mark.svg": DRAWING,
}

CAMPAIGN = {"campaigns/fair/campaign.yaml": ("title: {ar: حملة, en: A campaign}\ndescription: {ar: وصف, en: About it}\n"
                                             "status: active\nstart: 2023-03-01\nlogo: logo.svg\n"),
            "campaigns/fair/index.ar.md": "Title: ar\n\nنص.\n", "campaigns/fair/index.en.md": "Title: en\n\nText.\n"}


def svg(body, name="images/x.svg"):
    return {name: SVG_OPEN + body + "\n</svg>\n"}


# name: (files to add, file the message must name, line it must name or None, words it must contain)
HOSTILE = {
    "a script in pdfs/": ({"pdfs/x.js": "alert(document.cookie)\n"}, "pdfs/x.js", None,
                          "a .js file cannot be published from pdfs/"),
    "an HTML page in images/": ({"images/x.html": "<script>alert(1)</script>\n"}, "images/x.html", None,
                                "cannot be published from images/"),
    "an HTML page named x.pdf": ({"pdfs/x.pdf": "<html><script>alert(1)</script></html>\n"}, "pdfs/x.pdf", None,
                                 "the name says a PDF, but its content is text"),
    "a PNG that is really HTML": ({"images/x.png": "<html><script>alert(1)</script></html>\n"}, "images/x.png", None,
                                  "the name says a PNG image, but its content is text"),
    "a JPEG that is really a PNG": ({"images/x.jpg": picture("PNG")}, "images/x.jpg", None,
                                    "the name says a JPEG image, but the file is a PNG image"),
    "a PDF in images/": ({"images/x.pdf": PDF}, "images/x.pdf", None, "move it to content/pdfs/"),
    "an SVG with a script": (svg("<script>alert(1)</script>"), "images/x.svg", 2, "<script> is not accepted"),
    "an SVG with onload": ({"images/x.svg": '<svg xmlns="http://www.w3.org/2000/svg"\n\n onload="alert(1)"/>\n'},
                           "images/x.svg", 1, "<svg onload=…>: an event handler runs script"),
    "an SVG with a foreignObject": (svg('<rect width="1" height="1"/>\n<foreignObject><p>x</p></foreignObject>'),
                                    "images/x.svg", 3, "<foreignObject> is not accepted"),
    "an SVG with a javascript: link": (
        {"images/x.svg": ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
                          '<use xlink:href="javascript:alert(1)"/>\n</svg>\n')},
        "images/x.svg", 2, '<use xlink:href="javascript:alert(1)">: only a reference'),
    "an SVG loading a picture from another host": (svg('<image href="https://other.host/x.png" width="4" height="4"/>'),
                                                   "images/x.svg", 2, "<image> is not accepted"),
    "an SVG embedding a picture": (svg('<use href="data:image/svg+xml;base64,PHN2Zz4="/>'), "images/x.svg", 2,
                                   "only a reference to a part of the same drawing"),
    "an SVG with a stylesheet instruction": (
        {"images/x.svg": '<?xml version="1.0"?>\n<?xml-stylesheet href="https://other.host/x.css"?>\n' + DRAWING},
        "images/x.svg", 2, "<?xml-stylesheet …?> is not accepted"),
    "an SVG with a billion laughs": ({"images/x.svg": LAUGHS}, "images/x.svg", 2, "<!DOCTYPE …>"),
    "an SVG with a remote background": (
        {"images/x.svg": '<svg xmlns="http://www.w3.org/2000/svg"\n style="background:url(https://other.host/x.png)"/>'},
        "images/x.svg", 1, "url() with an address"),
    "an SVG style element importing CSS": (svg('<style>\n@import "https://other.host/x.css";\n</style>'),
                                           "images/x.svg", 2, "@import"),
    "an SVG with a CSS escape": (svg('<rect style="fill:u\\72l(https://other.host/x)"/>'), "images/x.svg", 2,
                                 "a backslash"),
    "an SVG animation changing a link": (svg('<use href="#a"><set attributeName="href" to="https://x/"/></use>'),
                                         "images/x.svg", 2, "<set> is not accepted"),
    "an SVG that is an HTML page": ({"images/x.svg": "<html><script>alert(1)</script></html>\n"}, "images/x.svg", 1,
                                    "not an SVG drawing"),
    "an SVG not in UTF-8": ({"images/x.svg": DRAWING.encode("utf-16")}, "images/x.svg", 1, "not UTF-8"),
    "a hostile SVG an item shows with {static}": (
        {**svg('<rect onclick="alert(1)"/>'),
         "news/second.en.md": "Title: Second\nDate: 2023-02-20\n\n![A mark]({static}/images/x.svg)\n"},
        "images/x.svg", 2, "<rect onclick=…>"),
    "a campaign logo with an event handler": (
        {**CAMPAIGN, **svg('<circle r="2" onmouseover="alert(1)"/>', "campaigns/fair/logo.svg")},
        "campaigns/fair/logo.svg", 2, "<circle onmouseover=…>: an event handler"),
    "a link to /etc/passwd in pdfs/": (
        {"pdfs/x.pdf": Link("/etc/passwd"),
         "publications/r.en.md": "Title: R\nDate: 2023-01-01\nType: report\nSummary: s\nPDF: pdfs/x.pdf\n\nB.\n"},
        "pdfs/x.pdf", None, "a symbolic link (to /etc/passwd)"),
    "a link to a folder": ({"images/system": Link("/etc")}, "images/system", None, "replace the link by the file"),
    "a dangling link": ({"pdfs/gone.pdf": Link("/nowhere/gone.pdf")}, "pdfs/gone.pdf", None, "a symbolic link"),
    "a link to a file inside content": ({"pdfs/alias.pdf": Link("report.en.pdf")}, "pdfs/alias.pdf", None,
                                        "a symbolic link (to report.en.pdf)"),
    "a named pipe": ({"pdfs/x.pdf": Fifo()}, "pdfs/x.pdf", None, "not a regular file"),
    "a Markdown file that is a link": ({"news/second.en.md": Link("/etc/passwd")}, "news/second.en.md", None,
                                       "a symbolic link"),
    "a reStructuredText page in news/": (
        {"news/x.en.rst": "Title\n#####\n\n:date: 2023-02-20\n\n.. raw:: html\n\n   <script>alert(1)</script>\n"},
        "news/x.en.rst", None, "Pelican would read this .rst file as a page, without the site's checks"),
    "an HTML page in pages/": ({"pages/x.html": "<html><head><title>x</title></head><body>x</body></html>\n"},
                               "pages/x.html", None, "only Markdown files"),
    "a hidden script in images/": ({"images/.x.js": "alert(1)\n"}, "images/.x.js", None, "a hidden file"),
    "a folder the site does not use": ({"scripts/x.js": "alert(1)\n"}, "scripts/", None, "a folder the site does not use"),
    "a .yml dataset": ({"data/violations/q2.yml": "x: 1\n"}, "data/violations/q2.yml", None, "rename it to"),
    "a script in a campaign folder": ({**CAMPAIGN, "campaigns/fair/logo.svg": DRAWING, "campaigns/fair/x.js": "1\n"},
                                      "campaigns/fair/x.js", None, "a file a campaign does not use"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """GOOD, built once; each test gets its own copy (content and output)."""
    site = TinySite(tmp_path_factory.mktemp("hostile") / "site").write(GOOD)
    site.build()
    return site.root


@pytest.fixture
def built(template, tmp_path):
    shutil.copytree(template, tmp_path / "site", symlinks=True)
    return TinySite(tmp_path / "site")


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_files_stop_the_build_and_keep_output(built, case, capfd):
    files, path, line, words = HOSTILE[case]
    before = tree_digest(built.output)
    write(built, files)
    with pytest.raises(BuildError) as caught:
        built.build()
    message = str(caught.value)
    assert words in message
    assert f"{path}:{line}:" in message if line is not None else f"{path}: " in message
    assert "how to fix:" in message
    assert "Traceback" not in message + capfd.readouterr().err
    assert tree_digest(built.output) == before
    assert not list(built.root.glob(".output-build-*")), "the staging folder was not cleaned up"
    for published in built.output.rglob("*"):
        assert not published.is_symlink()
        assert not (published.is_file() and b"root:x:0:0" in published.read_bytes()), published


def test_every_problem_is_reported_at_once(built):
    write(built, {"pdfs/x.js": "1\n", "images/x.png": "<html></html>\n", "images/link.svg": Link("/etc/passwd"),
                  **svg("<script>1</script>")})
    with pytest.raises(BuildError) as caught:
        built.build()
    assert caught.value.problems and [p.path for p in caught.value.problems] == [
        "images/link.svg", "images/x.png", "images/x.svg", "pdfs/x.js"]


def test_accepted_files_build_and_are_published_as_they_are(tmp_path):
    drawing = ('<?xml version="1.0" encoding="UTF-8"?>\n' + SVG_OPEN
               + '<title>A mark</title><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
               '<stop offset="1" stop-color="#000"/></linearGradient></defs>\n<style>.a { fill: url(#g) }</style>\n'
               '<g class="a" transform="translate(1 1) rotate(10)"><use href="#r"/><rect id="r" width="2" height="2" '
               'fill="url(#g)" aria-label="A square (red)"/></g>\n<text x="0" y="3" font-family="sans-serif">حملة</text>\n'
               '</svg>\n')
    site = TinySite(tmp_path).write({
        **GOOD, **CAMPAIGN, "campaigns/fair/logo.svg": drawing,
        "images/photo.jpg": picture("JPEG"), "images/chart.png": picture("PNG"), "images/still.webp": picture("WEBP"),
        "images/moving.gif": picture("GIF"), "images/drawing.svg": drawing,
        "news/second.en.md": "Title: Second\nDate: 2023-02-20\nSummary: s.\n\n![A drawing]({static}/images/drawing.svg)\n",
        # what tools leave behind, never published
        "images/.DS_Store": b"\x00\x00\x00\x01Bud1", "pdfs/.gitkeep": "", "news/first.en.md~": "old\n",
        ".gitignore": "*.tmp\n",
    })
    site.build(IMAGES={"cache": str(tmp_path / "cache")})
    for rel in ("images/drawing.svg", "campaigns/fair/logo.svg", "pdfs/report.en.pdf", "images/moving.gif"):
        assert (site.output / rel).read_bytes() == (site.content / rel).read_bytes(), f"{rel} is published as it is"
    assert (site.output / "images/photo.jpg").is_file() and (site.output / "images/chart.png").is_file()
    assert '<img alt="A drawing" src="/images/drawing.svg"' in site.read("en/news/second/index.html")
    published = {p.name for p in site.output.rglob("*")}
    assert not published & {".DS_Store", ".gitkeep", "first.en.md~", ".gitignore"}


def test_the_sample_content_passes_unchanged():
    settings = read_settings(str(SETTINGS), override={"PATH": str(ROOT / "content")})
    assert check_content_files(ROOT / "content", settings) == []
    for path in sorted((ROOT / "content").rglob("*.svg")):
        assert check_svg(path.read_bytes()) == [], path


# --- the SVG check alone: fast, and more cases than builds could afford -------------------------------

REFUSED_SVG = {
    '<a href="https://other.host/"><rect width="1" height="1"/></a>': (2, "<a> is not accepted"),
    '<feImage href="https://other.host/x.png"/>': (2, "<feImage> is not accepted"),
    '<animate attributeName="fill" to="red"/>': (2, "<animate> is not accepted"),
    '<rect fill="url(https://other.host/p.svg#g)"/>': (2, "url() with an address"),
    '<rect mask="image-set(\'https://other.host/m.png\' 1x)"/>': (2, "the CSS function image-set()"),
    '<style>rect { background: image("https://other.host/x.png") }</style>': (2, "the CSS function image()"),
    '<style>@font-face { src: url(https://other.host/f.woff2) }</style>': (2, "url() with an address"),
    '<rect xml:base="https://other.host/"/>': (2, "<rect xml:base=…> is not an attribute"),
    '<rect ONCLICK="x()"/>': (2, "<rect ONCLICK=…>: an event handler"),
    '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>': (2, "<h:script> is not an SVG element"),
    '<rect xmlns:i="http://www.inkscape.org/namespaces/inkscape" i:label="C:\\Users\\x"/>':
        (2, "an attribute in another namespace"),
    '<use href=" #a"/>': (2, "only a reference to a part of the same drawing"),
    "<rect/>\n<rect>": (4, "not well-formed XML (mismatched tag)"),  # where </svg> closes the open <rect>
    '<title>&undefined;</title>': (2, "not well-formed XML (undefined entity"),
}


@pytest.mark.parametrize("body", REFUSED_SVG)
def test_svg_check_refuses_with_the_line(body):
    line, words = REFUSED_SVG[body]
    problems = check_svg((SVG_OPEN + body + "\n</svg>\n").encode())
    assert any(p.line == line and words in str(p.message) for p in problems), \
        [(p.line, str(p.message)) for p in problems]


def test_a_billion_laughs_stops_at_once_in_little_memory():
    tracemalloc.start()
    started = time.monotonic()
    problems = check_svg(LAUGHS.encode())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [p.line for p in problems] == [2] and "<!DOCTYPE" in str(problems[0].message)
    assert time.monotonic() - started < 1 and peak < 5_000_000


def test_a_file_with_a_flood_of_problems_lists_twenty():
    problems = check_svg((SVG_OPEN + '<rect onclick="x"/>\n' * 100_000 + "</svg>").encode())
    assert len(problems) == 21 and str(problems[-1].message).startswith("and more problems")


def test_an_encoding_other_than_utf8_is_refused_even_when_declared():
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + DRAWING
    assert "the site accepts UTF-8 only" in str(check_svg(text.encode())[0].message)
