"""Charts as pictures for social posts (plugins/charts/raster.py): linked from every figure, the
stated size, shaped Arabic, mirrored, the site's palette, byte-identical, redrawn only when changed."""

import hashlib
import io
import re
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFont

from charts import raster
from charts.directive import ChartSpec, parse_directive
from conftest import ROOT
from drawing.fonts import FACES, face
from test_charts_site import chart_site
from test_charts_svg import CHARTS, maker

def chart_pictures(output):
    """The chart pictures a build wrote (share cards, also PNG, live under cards/)."""
    return [path for path in output.rglob("*.png") if "charts" in path.relative_to(output).parts]


LINK = re.compile(r'<a href="/((?:en/)?data/charts/[^"]+\.png)" type="image/png" download>([^<]+)</a>')


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test draws into its own cache (forked language processes inherit the setting)."""
    monkeypatch.setattr(raster, "CACHE", str(tmp_path / "chart-cache"))
    return tmp_path / "chart-cache"


def picture(name, lang):
    chart_maker = maker(lang)
    chart = chart_maker.build(parse_directive(CHARTS[name]))
    scene = raster.scene_of(chart, chart_maker.words)
    return scene, Image.open(io.BytesIO(raster.png(scene))).convert("RGB")


def ink_of(image, colour):
    """The box of the pixels of exactly one colour."""
    target = ImageColor.getrgb(colour)
    mask = Image.eval(ImageChops.difference(image, Image.new("RGB", image.size, target)).convert("L"),
                      lambda v: 255 if v == 0 else 0)
    return mask.getbbox()


def test_the_palette_is_the_stylesheets():
    css = (ROOT / "themes" / "base" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    variables = dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-f]{6})", css))
    for n in range(1, 7):
        assert raster.PALETTE[f"c{n}"] == variables[f"chart-{n}"]
    for name, css_name in (("text", "color-text"), ("muted", "color-muted"), ("grid", "color-border"),
                           ("track", "color-surface"), ("background", "color-background"),
                           ("primary", "color-primary")):
        assert raster.PALETTE[name] == variables[css_name], name


def test_every_chart_on_the_sample_site_links_its_image(sample_site):
    """Every figure, in items, campaign pages and the dashboard, in both languages: a link to a PNG of
    1200 × 1200 in that language's folder."""
    figures = links = 0
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for figure in re.findall(r'<figure class="chart".*?</figure>', html, re.S):
            figures += 1
            found = LINK.findall(figure)
            assert len(found) == 1, page
            url, words = found[0]
            english = page.relative_to(sample_site).parts[0] == "en"
            assert url.startswith("en/data/charts/") == english, (page, url)
            assert words == ("Download the chart as an image (PNG)" if english else "تنزيل الرسم البياني صورةً (PNG)")
            with Image.open(sample_site / url) as image:
                assert (image.format, image.size) == ("PNG", (raster.SIZE, raster.SIZE)), url
            links += 1
    assert figures == links > 20
    assert (sample_site / "data" / "charts").is_dir() and (sample_site / "en" / "data" / "charts").is_dir()


def test_arabic_labels_are_shaped():
    """A label in the picture is the shaped one (raqm), not the isolated, reversed letters of Pillow's
    basic layout: the same text drawn each way at the same place, compared with the picture."""
    scene, image = picture("bar", "ar")
    at = raster.layout(scene)
    op = next(op for op in scene.ops if op[0] == "text" and op[3] == ("تيك توك",))
    _, x, y, lines, anchor, _, size = op
    assert anchor == "end"
    painter = raster.Painter(None, scene, at.scale, at.left, at.top)
    where, pixels = (painter.x(x), painter.y(y)), round(size * at.scale)
    drawn = {}
    for layout in ("raqm", "basic"):
        alone = Image.new("RGB", image.size, raster.PALETTE["background"])
        font = face("regular", pixels) if layout == "raqm" else \
            ImageFont.truetype(str(FACES / "card-regular.ttf"), pixels, layout_engine=ImageFont.Layout.BASIC)
        # text-anchor "end" in a right-to-left frame: the text's end, its left side, at x
        ImageDraw.Draw(alone).text(where, lines[0], font=font, fill=raster.PALETTE["text"], anchor="ls",
                                   **({"direction": "rtl", "language": "ar"} if layout == "raqm" else {}))
        drawn[layout] = alone
    box = ImageChops.invert(drawn["raqm"].convert("L")).getbbox()
    box = (box[0] - 4, box[1] - 4, box[2] + 4, box[3] + 4)
    same = ImageChops.difference(image.crop(box), drawn["raqm"].crop(box)).convert("L").getextrema()[1]
    other = ImageChops.difference(image.crop(box), drawn["basic"].crop(box)).convert("L").getextrema()[1]
    assert same <= 16, same  # the palette's rounding of anti-aliased edges, no more
    assert other > 128, other
    basic_font = ImageFont.truetype(str(FACES / "card-regular.ttf"), pixels, layout_engine=ImageFont.Layout.BASIC)
    assert face("regular", pixels).getlength(lines[0], direction="rtl", language="ar") < basic_font.getlength(lines[0])


def test_the_arabic_picture_is_mirrored():
    """As the SVG: in Arabic the bars grow from the right and the first period is on the right."""
    blue = raster.PALETTE["c1"]
    ar_bars, en_bars = ink_of(picture("bar", "ar")[1], blue), ink_of(picture("bar", "en")[1], blue)
    assert ar_bars[2] > raster.SIZE * 0.7 and en_bars[0] < raster.SIZE * 0.3
    assert ar_bars[0] == raster.SIZE - en_bars[2] or abs(ar_bars[0] - (raster.SIZE - en_bars[2])) < 40
    # January (35), February (10), March (1,015): the tallest column is the last one
    for name, lang, tallest_on_the_right in (("column", "ar", False), ("column", "en", True),
                                             ("column-time-ltr", "ar", True)):
        image = picture(name, lang)[1]
        top = ink_of(image, blue)[1]
        row = image.crop((0, top + 2, raster.SIZE, top + 3))
        middle = ink_of(row, blue)
        assert ((middle[0] + middle[2]) / 2 > raster.SIZE / 2) == tallest_on_the_right, (name, lang)


def test_the_picture_keeps_the_title_and_source_line():
    """Title at the top, source at the bottom, on the start side of the language; the sample note above it."""
    for lang in ("ar", "en"):
        scene, image = picture("bar", lang)
        assert scene.source == ("المصدر: مرصد حُر" if lang == "ar" else "Source: The 7or observatory")
        assert scene.note and scene.title.startswith("انتهاكات" if lang == "ar" else "Violations")
        title = ImageChops.invert(image.crop((0, 0, raster.SIZE, 200)).convert("L")).getbbox()
        footer = ImageChops.invert(image.crop((0, raster.SIZE - 140, raster.SIZE, raster.SIZE)).convert("L")).getbbox()
        assert title and footer
        if lang == "ar":
            assert title[2] > raster.SIZE - raster.MARGIN - 4
        else:
            assert title[0] < raster.MARGIN + 4


def test_pictures_are_byte_identical_across_two_builds_and_from_the_cache(tmp_path, own_cache):
    digests = []
    for run in range(3):  # cold, cold again (cache deleted), warm (from the cache)
        if run < 2:
            for path in own_cache.glob("*"):
                path.unlink()
        site = chart_site(tmp_path / f"site{run}")
        site.build()
        pictures = sorted(chart_pictures(site.output))
        assert len(pictures) == 10  # 5 charts (dashboard and item) × 2 languages
        digests.append({p.relative_to(site.output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in pictures})
    assert digests[0] == digests[1] == digests[2]
    assert len(set(digests[0].values())) == 10  # and Arabic and English differ


def test_a_dataset_edit_redraws_only_that_datasets_pictures(tmp_path, own_cache):
    site = chart_site(tmp_path)
    q2 = (Path(__file__).parent / "charts" / "q1.yaml").read_text(encoding="utf-8").replace("id: q1", "id: q2")
    q2 = q2.replace("Violations in the first quarter", "Violations again").replace("الربع الأول", "مرة أخرى")  # else: the same pictures
    site.write({"data/violations/q2.yaml": q2})
    site.build()
    before = {p.name: p.stat().st_mtime_ns for p in own_cache.glob("*.png")}
    outputs = {p.relative_to(site.output).as_posix(): p.read_bytes() for p in chart_pictures(site.output)}
    assert len(before) == 20 and len(outputs) == 20  # 5 charts × 2 datasets × 2 languages
    site.write({"data/violations/q2.yaml": q2.replace("count: 1000", "count: 900")})
    site.build()
    after = {p.name: p.stat().st_mtime_ns for p in own_cache.glob("*.png")}
    drawn = set(after) - set(before)
    changed = {rel for rel, data in outputs.items() if (site.output / rel).read_bytes() != data}
    assert len(drawn) == 10  # q2's five charts in two languages (one of them draws the same pixels again)
    assert changed and all("chart-q2-" in rel for rel in changed)
    assert all(after[name] == mtime for name, mtime in before.items())  # nothing else drawn or rewritten


def test_hostile_labels_and_titles_draw_quickly_and_stay_in_their_folder(tmp_path):
    """A label with new lines and markup, a title of 20,000 letters without a space: drawn as text,
    in bounded time, into data/charts/ only."""
    codes = (Path(__file__).parent / "charts" / "codes.yaml").read_text(encoding="utf-8")
    codes = codes.replace("{ar: فيسبوك, en: Facebook}", "{ar: \"فيس\\nبوك\\t<img src=x>\", en: \"Face\\nbook<script>\"}")
    site = chart_site(tmp_path, codes=codes)
    dataset = (Path(__file__).parent / "charts" / "q1.yaml").read_text(encoding="utf-8")
    site.write({"data/violations/q1.yaml": dataset.replace("en: Violations in the first quarter", "en: " + "x" * 20_000)})
    started = time.monotonic()
    site.build()
    assert time.monotonic() - started < 60
    pictures = sorted(p.relative_to(site.output).as_posix() for p in chart_pictures(site.output))
    assert len(pictures) == 10 and all(re.fullmatch(r"(en/)?data/charts/chart-[a-z0-9-]+\.png", p) for p in pictures)
    with Image.open(site.output / "en/data/charts/chart-q1-bar-platform.png") as image:
        assert image.size == (raster.SIZE, raster.SIZE)


def test_an_image_name_never_leaves_its_folder():
    assert raster.image_name(parse_directive("q1 kind=column by=period time=ltr")) == "chart-q1-column-period-time-ltr.png"
    odd = raster.image_name(ChartSpec(dataset="../../etc/passwd", kind="bar", by="platform"))
    assert re.fullmatch(r"chart-[0-9a-f]{16}\.png", odd)
