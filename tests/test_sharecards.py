"""plugins/sharecards: a share card for every page, the share tags in every head, and `invoke check`'s preview."""

import io
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from bilingual.errors import BuildError
from conftest import ROOT, tree_digest
from drawing.fonts import FACES, face
from drawing.text import ELLIPSIS, fit, width
from sharecards import card as cards
from sharecards.card import HEIGHT, WIDTH, Card, draw
from sharecards.preview import preview, render

SITE_DOMAIN = "https://7amleh.org"
ORG_AR = "حملة – المركز العربي لتطوير الإعلام الاجتماعي"


class Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and (values.get("property") or values.get("name")):
            self.meta[values.get("property") or values.get("name")] = values.get("content")


def meta_of(path):
    reader = Meta()
    reader.feed(Path(path).read_text(encoding="utf-8").split("</head>")[0])
    return reader.meta


def card_file(output, url):
    assert url.startswith(SITE_DOMAIN + "/") and re.search(r"\?v=[0-9a-f]{10}$", url), url
    return Path(output) / url[len(SITE_DOMAIN) + 1:].split("?")[0]


def test_every_page_has_the_share_tags_and_its_card_is_1200_by_630(sample_site):
    pages = [p for p in sample_site.rglob("*.html") if not p.relative_to(sample_site).as_posix().startswith("_reports/")]
    assert len(pages) > 60
    for page in pages:
        meta = meta_of(page)
        assert meta["twitter:card"] == "summary_large_image", page
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630"), page
        assert meta["og:image:alt"].strip() and meta["twitter:image:alt"] == meta["og:image:alt"], page
        path = card_file(sample_site, meta["og:image"])
        with Image.open(path) as picture:
            assert picture.size == (WIDTH, HEIGHT), path
            assert Image.MIME[picture.format] == meta["og:image:type"], path
    # one card per page, not per page of a listing; the home page's card is its own (404.html has another)
    assert meta_of(sample_site / "index.html")["og:image"] != meta_of(sample_site / "404.html")["og:image"]


def test_a_publication_card_says_its_type_and_date_and_a_cover_makes_it_a_jpeg(sample_site):
    meta = meta_of(sample_site / "publications/annual-report-2022/index.html")
    assert meta["og:image:type"] == "image/jpeg" and "تقرير سنوي" in meta["og:image:alt"]
    assert "شباط 2023" in meta["og:image:alt"]  # the site's date format, Levantine months (ARABIC_MONTHS)
    english = meta_of(sample_site / "en/publications/annual-report-2022/index.html")
    assert "February 20, 2023" in english["og:image:alt"] and "/cards/en/" in english["og:image"]


def test_the_palette_is_the_stylesheets():
    css = (ROOT / "themes/base/static/css/site.css").read_text(encoding="utf-8")
    for name, value in (("primary", cards.PRIMARY), ("accent", cards.ACCENT_COLOUR),
                        ("primary-contrast", cards.PRIMARY_CONTRAST)):
        assert re.search(rf"--color-{name}:\s*{value};", css), name


def test_a_campaign_card_has_the_campaigns_colours_and_logo(sample_site):
    meta = meta_of(sample_site / "campaigns/stop-digital-discrimination/demands/index.html")
    with Image.open(card_file(sample_site, meta["og:image"])) as picture:
        picture = picture.convert("RGB")
        assert picture.getpixel((WIDTH // 2, 140)) == (0x8C, 0x1D, 0x40)  # colours.primary
        assert picture.getpixel((WIDTH // 2, HEIGHT - 5)) == (0x5C, 0x11, 0x29)  # colours.accent: the bar
        tile = picture.crop((WIDTH - cards.MARGIN - cards.LOGO, 56, WIDTH - cards.MARGIN, 56 + cards.LOGO))
        colours = {colour for _, colour in tile.getcolors(10_000)}
        assert (255, 255, 255) in colours and (0x8C, 0x1D, 0x40) in colours  # the logo, drawn by resvg
    with Image.open(card_file(sample_site, meta_of(sample_site / "index.html")["og:image"])) as home:
        assert home.convert("RGB").getpixel((WIDTH // 2, 140)) == (0x0B, 0x55, 0x63)  # the site's primary


def title_band(png):
    """The title's ink on a card (grey levels 1…191 of the palette image, between the rows)."""
    picture = Image.open(io.BytesIO(png))
    band = picture.crop((0, 176, WIDTH, 528))  # down to the organisation's line
    return Image.frombytes("L", band.size, band.tobytes()).point(lambda i: 255 if 0 < i < cards.RAMP else 0)


def test_an_arabic_title_is_shaped_not_drawn_as_separate_letters():
    """The card's title, one line, is as wide as the shaped text (joined letters) and clearly narrower
    than the same letters drawn with Pillow's basic layout, which neither joins nor reorders them."""
    title = "الحقوق الرقمية الفلسطينية"
    ink = title_band(draw(Card("ar", title))).getbbox()
    size = fit(title, WIDTH - 2 * cards.MARGIN, 324, "ar").size
    shaped = width(title, face("bold", size), "ar")
    basic = ImageFont.truetype(str(FACES / "card-bold.ttf"), size, layout_engine=ImageFont.Layout.BASIC).getlength(title)
    assert abs((ink[2] - ink[0]) - shaped) < 0.05 * shaped and shaped < 0.95 * basic
    assert ink[2] > WIDTH - cards.MARGIN - 4  # from the right


def test_a_300_character_title_fits_whole_inside_the_card():
    title = (("تقرير عن انتهاكات الحقوق الرقمية الفلسطينية على منصات التواصل الاجتماعي " * 6).strip())[:300]
    fitted = fit(title, WIDTH - 2 * cards.MARGIN, 324, "ar")
    assert " ".join(fitted.lines) == title.strip() and not fitted.lines[-1].endswith(ELLIPSIS)
    ink = title_band(draw(Card("ar", title, kind="تقرير", date="20 شباط 2023", org=ORG_AR))).getbbox()
    assert ink[0] >= cards.MARGIN - 4 and ink[2] <= WIDTH - cards.MARGIN + 4 and ink[3] < 528 - 176 - 8


HOSTILE = {
    "right-to-left override": "تقرير \u202eevil.exe\u202c عن الخصوصية",
    "emoji and joiners": "تقرير 👩‍💻🇵🇸 عن \u200dالخصوصية\u200c ✊🏽",
    "mixed scripts": "Meta و X وTikTok: 7amleh تطالب بـ«الشفافية» עברית русский 中文",
    "one enormous word": "x" * 5000,
    "very long": "كلمة " * 3000,
    "only spaces": "   ",
    "markup": "<script>alert(1)</script> & \"quotes\"",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_titles_draw_a_card_quickly(name):
    started = time.perf_counter()
    png = draw(Card("ar", HOSTILE[name], kind=HOSTILE[name], date=HOSTILE[name], org=ORG_AR))
    assert time.perf_counter() - started < 3
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.size == (WIDTH, HEIGHT) and picture.format == "PNG"
        assert not {"tIME", "tEXt", "iTXt", "zTXt"} & set(picture.info.get("chunks", ()) or ())


TINY = {
    "publications/report.ar.md": "Title: تقرير عن الخصوصية\nDate: 2024-05-01\nType: report\n"
                                 "Summary: ملخص قصير.\n\nنص.\n",
    "publications/report.en.md": "Title: A report on privacy\nDate: 2024-05-01\nType: report\n"
                                 "Summary: A short summary.\n\nText.\n",
    "news/item.ar.md": "Title: خبر\nDate: 2024-05-02\nSummary: " + "جملة طويلة جداً " * 20 + "\n\nنص.\n",
    "news/item.en.md": "Title: " + "A very long headline " * 5 + "\nDate: 2024-05-02\nSummary: Short.\n\nText.\n",
}


def test_cards_are_byte_identical_across_builds_and_a_rebuild_draws_only_what_changed(tmp_path):
    from conftest import TinySite

    first, second = TinySite(tmp_path / "a").write(TINY), TinySite(tmp_path / "b").write(TINY)
    first.build(SHARE_CARDS={"cache": str(tmp_path / "cache-a")})
    second.build(SHARE_CARDS={"cache": str(tmp_path / "cache-b")})  # cold too: its own empty cache
    cards_a, cards_b = tree_digest(first.output / "cards"), tree_digest(second.output / "cards")
    assert cards_a == cards_b and len(cards_a) > 10

    cache = tmp_path / "cache-a"
    drawn = {p: p.stat().st_mtime_ns for p in cache.rglob("*.png")}
    first.write({"publications/report.en.md": TINY["publications/report.en.md"].replace("privacy", "surveillance")})
    first.build(SHARE_CARDS={"cache": str(cache)})
    now = {p: p.stat().st_mtime_ns for p in cache.rglob("*.png")}
    assert len(set(now) - set(drawn)) == 1  # one title changed: one card drawn, the others from the cache
    assert all(now[p] == mtime for p, mtime in drawn.items())


def test_a_bad_share_cards_setting_names_the_setting(tiny):
    tiny.write(TINY)
    with pytest.raises(BuildError) as stopped:
        tiny.build(SHARE_CARDS={"colour": "red"})
    assert "SHARE_CARDS" in str(stopped.value) and "colour" in str(stopped.value)
    with pytest.raises(BuildError) as stopped:
        tiny.build(SHARE_CARDS={"folder": "../elsewhere"})
    assert "SHARE_CARDS['folder']" in str(stopped.value)


def test_the_preview_lists_every_page_and_warns_of_what_platforms_cut(tiny, tmp_path):
    tiny.write(TINY).build(SHARE_CARDS={"cache": str(tmp_path / "cache")})
    shared = {entry.address: entry for entry in preview(tiny.output, SITE_DOMAIN)}
    assert "/publications/report/" in shared and "/en/" in shared and not any(a.startswith("/_reports") for a in shared)
    assert all(entry.image for entry in shared.values())
    report = shared["/publications/report/"]
    assert report.title == "تقرير عن الخصوصية" and report.description == "ملخص قصير." and not report.problems
    long_summary = [str(p) for p in shared["/news/item/"].problems]
    assert len(long_summary) == 1 and "160" in long_summary[0]
    long_title = [str(p) for p in shared["/en/news/item/"].problems]
    assert len(long_title) == 1 and "70" in long_title[0]
    assert shared["/en/tags/"].general if "/en/tags/" in shared else True
    listing = render(list(shared.values()))
    assert "/publications/report/  [ar]" in listing and "! " in listing


def test_the_preview_reports_a_missing_picture_or_description(tmp_path):
    site = tmp_path / "site"
    (site / "x").mkdir(parents=True)
    (site / "index.html").write_text('<html lang="en"><head><meta property="og:title" content="Home">'
                                     '<meta property="og:description" content="General."></head></html>')
    (site / "x/index.html").write_text('<html lang="en"><head><meta property="og:title" content="X">'
                                       '<meta property="og:image" content="https://evil.example/x.png"></head></html>')
    shared = {entry.address: entry for entry in preview(site, SITE_DOMAIN)}
    problems = [str(p) for p in shared["/x/"].problems]
    assert any("description" in p for p in problems) and any("og:image" in p for p in problems)
