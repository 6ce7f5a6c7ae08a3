"""Responsive images (plugins/images): variants, metadata, markup, the built site, bad input."""

import io
import re
import shutil

import pytest
from PIL import ExifTags, Image

from bilingual.build import build_site
from bilingual.errors import BuildError
from conftest import ROOT, SETTINGS, TinySite, tree_digest
from images import raster, store
from images.markup import responsive_tag
from images.settings import DEFAULTS

OPTIONS = dict(DEFAULTS)
GPS = {1: "N", 2: (31.0, 30.0, 0.0), 3: "E", 4: (34.0, 28.0, 0.0)}
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description GPSLatitude="31,30N"/></x:xmpmeta>'


def photo(width, height, fmt="JPEG", orientation=None, gps=False, mode="RGB"):
    """An image with four coloured quarters (so a rotation shows), optionally with a phone's metadata."""
    image = Image.new(mode, (width, height), (200, 30, 30, 255)[: len(mode)])
    image.paste((30, 30, 200, 255)[: len(mode)], (width // 2, 0, width, height // 2))
    image.paste((30, 200, 30, 255)[: len(mode)], (0, height // 2, width // 2, height))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x010F] = "PhoneMaker"
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    out = io.BytesIO()
    extra = {"exif": exif} if (orientation or gps) else {}
    if gps and fmt == "JPEG":
        extra.update(xmp=XMP, comment=b"taken at home")
    image.save(out, fmt, **extra)
    return out.getvalue()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def encoded(tmp_path, data, name="x.jpg", options=OPTIONS):
    path = write(tmp_path, name, data)
    source = raster.inspect(path, options)
    return source, raster.encode(path, source, options)


# --- variants -------------------------------------------------------------------------------


@pytest.mark.parametrize("width, expected", [
    (2400, [480, 960, 1440]),
    (1440, [480, 960, 1440]),
    (1200, [480, 960, 1200]),
    (600, [480, 600]),
    (300, [300]),
])
def test_variant_widths_never_upscale(tmp_path, width, expected):
    source, files = encoded(tmp_path, photo(width, width // 2))
    assert source.widths(OPTIONS["widths"]) == expected
    for w in expected:
        with Image.open(io.BytesIO(files[f"{w}.webp"])) as image:
            assert image.format == "WEBP"
            assert image.size == (w, source.height_at(w))
    with Image.open(io.BytesIO(files["fallback"])) as fallback:
        assert fallback.format == "JPEG"
        assert fallback.size == (expected[-1], source.height_at(expected[-1]))


def test_variants_are_smaller_than_the_original(tmp_path):
    original = (ROOT / "content" / "images" / "sample-cover.jpg").read_bytes()
    _, files = encoded(tmp_path, original)
    assert len(files["480.webp"]) < len(files["960.webp"]) < len(files["1440.webp"]) < len(original) / 5
    assert len(files["fallback"]) < len(original)


def test_encoding_is_deterministic(tmp_path):
    data = photo(1600, 900, gps=True)
    first = encoded(tmp_path, data)
    second = encoded(tmp_path, data, name="y.jpg")
    assert first == second
    assert first[0].digest != encoded(tmp_path, data, options={**OPTIONS, "webp_quality": 60})[0].digest


def test_exif_orientation_is_applied_to_the_pixels(tmp_path):
    # Orientation 6: stored landscape, shown turned a quarter clockwise (portrait), as phones save.
    data = photo(1000, 600, orientation=6)
    source, files = encoded(tmp_path, data)
    assert (source.width, source.height) == (600, 1000)
    with Image.open(io.BytesIO(data)) as stored:
        expected = stored.transpose(Image.Transpose.ROTATE_270).convert("RGB")
    for name in ("600.webp", "fallback"):
        with Image.open(io.BytesIO(files[name])) as image:
            assert image.size == (600, 1000)
            assert image.getexif().get(0x0112) in (None, 1), "no orientation left to apply twice"
            rgb = image.convert("RGB")
            for point in ((100, 100), (500, 100), (100, 900), (500, 900)):
                assert all(abs(a - b) < 40 for a, b in zip(rgb.getpixel(point), expected.getpixel(point)))


@pytest.mark.parametrize("fmt, name", [("JPEG", "x.jpg"), ("PNG", "x.png"), ("WEBP", "x.webp")])
def test_location_and_other_metadata_are_stripped(tmp_path, fmt, name):
    data = photo(800, 600, fmt=fmt, gps=True)
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo), "the fixture carries a GPS position"
    _, files = encoded(tmp_path, data, name=name)
    for key, blob in files.items():
        assert b"Exif" not in blob and b"GPS" not in blob and b"xmpmeta" not in blob, key
        assert b"PhoneMaker" not in blob and b"taken at home" not in blob, key
        with Image.open(io.BytesIO(blob)) as image:
            assert not image.getexif(), key
            assert "xmp" not in image.info and "comment" not in image.info, key


def test_png_keeps_transparency_and_format(tmp_path):
    data = photo(700, 300, fmt="PNG", mode="RGBA")
    image = Image.open(io.BytesIO(data))
    image.putpixel((0, 0), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    _, files = encoded(tmp_path, out.getvalue(), name="x.png")
    with Image.open(io.BytesIO(files["fallback"])) as fallback:
        assert fallback.format == "PNG" and fallback.mode == "RGBA"
    with Image.open(io.BytesIO(files["700.webp"])) as webp:
        assert webp.mode == "RGBA"


def test_a_webp_source_needs_no_second_format(tmp_path):
    source, files = encoded(tmp_path, photo(500, 250, fmt="WEBP"), name="x.webp")
    assert source.fallback == "WEBP"
    assert files["fallback"] == files["500.webp"]


def test_not_an_image_and_damaged_data_are_problems(tmp_path):
    with pytest.raises(raster.ImageProblem, match="not an image"):
        raster.inspect(write(tmp_path, "x.jpg", b"<html>oops</html>"), OPTIONS)
    data = photo(800, 600)
    damaged = write(tmp_path, "y.jpg", data[: len(data) // 2])
    source = raster.inspect(damaged, OPTIONS)  # the header alone is fine
    with pytest.raises(raster.ImageProblem, match="damaged"):
        raster.encode(damaged, source, OPTIONS)


def test_the_cache_encodes_each_image_once(tmp_path, monkeypatch):
    path = write(tmp_path, "x.jpg", photo(1000, 500))
    source = raster.inspect(path, OPTIONS)
    first = store.cached(tmp_path / "cache", path, source, OPTIONS)
    monkeypatch.setattr(store, "encode", lambda *args: pytest.fail("encoded again"))
    assert store.cached(tmp_path / "cache", path, source, OPTIONS) == first
    assert sorted(first) == ["1000.webp", "480.webp", "960.webp", "fallback"]
    assert all(p.is_file() for p in first.values())


# --- markup -----------------------------------------------------------------------------------


def test_markup_for_a_jpeg_is_a_picture_with_a_webp_source(tmp_path):
    source, _ = encoded(tmp_path, photo(2000, 1000))
    urls = store.variant_urls("images/x.jpg", source, OPTIONS["widths"])
    html = responsive_tag('<img alt="A &quot;b&quot;" src="{static}/images/x.jpg">', source, urls, "", "50vw")
    digest = source.digest[:10]
    assert html == (f'<picture><source type="image/webp" srcset="/images/x-480w.{digest}.webp 480w, '
                    f'/images/x-960w.{digest}.webp 960w, /images/x-1440w.{digest}.webp 1440w" sizes="50vw">'
                    f'<img alt="A &quot;b&quot;" src="{{static}}/images/x.jpg" width="1440" height="720" '
                    f'loading="lazy" decoding="async"></picture>')
    eager = responsive_tag('<img src="/x.jpg" alt="">', source, urls, "", "50vw", eager=True)
    assert 'fetchpriority="high"' in eager and "loading=" not in eager


def test_markup_for_a_webp_is_one_img(tmp_path):
    source, _ = encoded(tmp_path, photo(600, 300, fmt="WEBP"), name="x.webp")
    urls = store.variant_urls("images/x.webp", source, OPTIONS["widths"])
    html = responsive_tag('<img src="/images/x.webp" alt="">', source, urls, "https://7amleh.org", "50vw")
    assert html.startswith('<img src="/images/x.webp" alt="" width="600" height="300" loading="lazy"')
    assert 'srcset="https://7amleh.org/images/x-480w.' in html and "<picture>" not in html


# --- the built site -----------------------------------------------------------------------------

ITEMS = {
    "publications/report.en.md": ("Title: A report\nDate: 2023-01-01\nType: report\nSummary: One report.\n"
                                  "Cover: images/cover.jpg\n\nIntro.\n\n![A chart of the counts]({static}../images/chart.png)\n"),
    "publications/report.ar.md": ("Title: تقرير\nDate: 2023-01-01\nType: report\nSummary: تقرير.\n"
                                  "Cover: images/cover.jpg\n\nمقدمة.\n\n![رسم للأعداد]({static}/images/chart.png)\n"),
    "pages/about.en.md": "Title: About\nSummary: About us.\n\n![The team, not a real photo](/images/team.gif)\n",
    # {attach} (main language: Pelican's static files are copied by the main language's run)
    "pages/about.ar.md": "Title: من نحن\nSummary: عنا.\n\n![مكتبنا، ليست صورة حقيقية]({attach}../images/office.jpg)\n",
}
IMAGES = {"images/cover.jpg": photo(2400, 1200, gps=True), "images/chart.png": photo(800, 400, fmt="PNG"),
          "images/unused.jpg": photo(500, 500, orientation=8), "images/team.gif": photo(10, 10, fmt="GIF"),
          "images/office.jpg": photo(400, 300, gps=True)}


@pytest.fixture
def site(tmp_path):
    made = TinySite(tmp_path).write({**ITEMS, **IMAGES})
    made.build(IMAGES={"cache": str(tmp_path / "cache")})
    return made


def srcset_urls(html):
    return [part.split()[0] for value in re.findall(r'srcset="([^"]*)"', html) for part in value.split(", ")]


def test_built_pages_have_responsive_images(site):
    for page in ("en/publications/report/index.html", "publications/report/index.html"):
        html = site.read(page)
        cover = re.search(r'<picture><source type="image/webp" srcset="[^"]+" sizes="\(min-width: 44rem\) 42rem, '
                          r'calc\(100vw - 2rem\)"><img class="item__cover" src="/images/cover.jpg" alt="" '
                          r'width="1440" height="720" fetchpriority="high"></picture>', html)
        assert cover, "the cover is a <picture>, eager, with its size"
        body = re.search(r'<picture><source type="image/webp" srcset="([^"]+)" sizes="[^"]+"><img alt="[^"]+" '
                         r'src="/images/chart.png" width="800" height="400" loading="lazy" decoding="async"></picture>',
                         html)
        assert body, "the Markdown image is a lazy <picture>, with its size"
        urls = srcset_urls(html)
        assert len(urls) == 5 and all(re.fullmatch(r"/images/(cover|chart)-\d+w\.[0-9a-f]{10}\.webp", u) for u in urls)
        for url in urls + ["/images/cover.jpg", "/images/chart.png"]:
            assert (site.output / url[1:]).is_file(), url
    assert srcset_urls(site.read("en/publications/report/index.html")) == srcset_urls(
        site.read("publications/report/index.html")), "both languages use the same files"


def test_published_files_are_processed_not_copied(site):
    cover = site.output / "images" / "cover.jpg"
    assert cover.read_bytes() != IMAGES["images/cover.jpg"]
    with Image.open(cover) as image:
        assert image.size == (1440, 720) and not image.getexif()
    with Image.open(site.output / "images" / "unused.jpg") as image:  # in the folder, linked from nowhere
        assert image.size == (500, 500) and not image.getexif()
    assert len(list((site.output / "images").glob("unused-500w.*.webp"))) == 1
    assert (site.output / "images" / "team.gif").read_bytes() == IMAGES["images/team.gif"], "GIF is copied as is"
    assert "<picture>" not in site.read("en/about/index.html")
    about = site.read("about/index.html")
    assert "<picture>" not in about, "{attach} images are left as written"
    attached = re.search(r'src="/(about/office.jpg)"', about).group(1)  # {attach} puts it beside the page
    with Image.open(site.output / attached) as image:
        assert image.size == (400, 300) and not image.getexif(), "an attached image is cleaned too"


def test_builds_are_byte_identical_cold_and_warm(site, tmp_path):
    first = tree_digest(site.output)
    shutil.rmtree(tmp_path / "cache")
    site.build(IMAGES={"cache": str(tmp_path / "cache")})
    assert tree_digest(site.output) == first
    site.build(IMAGES={"cache": str(tmp_path / "cache")})
    assert tree_digest(site.output) == first


def test_the_sample_site_shows_its_sample_image(sample_site):
    html = (sample_site / "en" / "news" / "7amleh-publishes-annual-report-2022" / "index.html").read_text()
    assert re.search(r'<img alt="Sample image[^"]*" src="/images/sample-cover.jpg" width="1440" height="810" '
                     r'loading="lazy" decoding="async">', html)
    cover = (sample_site / "publications" / "annual-report-2022" / "index.html").read_text()
    assert 'class="item__cover" src="/images/sample-cover.jpg" alt="" width="1440" height="810" fetchpriority="high"' in cover
    for url in srcset_urls(html):
        assert (sample_site / url[1:]).is_file()


# --- bad input ------------------------------------------------------------------------------------

GOOD = {"news/first.en.md": "Title: First\nDate: 2023-02-20\nSummary: s.\n\nBody.\n",
        "images/fine.jpg": photo(600, 300)}

# name: (files to add, file the message must name, line it must name or None, words it must contain)
BROKEN = {
    "a Markdown image that is not an image": (
        {"images/broken.jpg": b"\xff\xd8\xff<html>not a photo</html>",  # passes safety.kinds (a JPEG signature), not Pillow
         "news/second.en.md": "Title: Second\nDate: 2023-02-20\n\nText.\n\n![A photo]({static}/images/broken.jpg)\n"},
        "news/second.en.md", 6, "the image images/broken.jpg: the file is not an image"),
    "a Markdown image with damaged data": (
        {"images/cut.jpg": photo(900, 600)[:-300],  # the header is whole, the pixels are not
         "news/second.en.md": "Title: Second\nDate: 2023-02-20\n\n![A photo]({static}/images/cut.jpg)\n"},
        "news/second.en.md", 4, "the image images/cut.jpg: the image data is damaged"),
    "a cover that is not an image": (
        {"images/cover.png": b"\x89PNG\r\n\x1a\n? no",
         "publications/r.en.md": "Title: R\nDate: 2023-01-01\nType: report\nSummary: s\nCover: images/cover.png\n\nB.\n"},
        "publications/r.en.md", 5, "the image images/cover.png: the file is not an image"),
    "a cover that is a GIF renamed .jpg": (  # refused before anything is read, by its first bytes (safety.kinds)
        {"images/cover.jpg": photo(20, 20, fmt="GIF"),
         "publications/r.en.md": "Title: R\nDate: 2023-01-01\nType: report\nSummary: s\nCover: images/cover.jpg\n\nB.\n"},
        "images/cover.jpg", None, "the name says a JPEG image, but the file is a GIF image"),
    "a missing Markdown image": (
        {"news/second.en.md": "Title: Second\nDate: 2023-02-20\n\n![A photo]({static}/images/nowhere.jpg)\n"},
        "news/second.en.md", 4, "the link /images/nowhere.jpg leads to a page or file that does not exist"),
    "an image nothing links to that is not an image": (
        {"images/notes.jpeg": b"\xff\xd8\xffjust text"}, "images/notes.jpeg", None, "the file is not an image"),
}


@pytest.fixture
def built(tmp_path):
    made = TinySite(tmp_path).write(GOOD)
    made.build(IMAGES={"cache": str(tmp_path / "cache")})
    return made


@pytest.mark.parametrize("case", BROKEN)
def test_bad_images_stop_the_build_and_keep_output(built, tmp_path, case):
    files, path, line, words = BROKEN[case]
    before = tree_digest(built.output)
    built.write(files)
    with pytest.raises(BuildError) as caught:
        built.build(IMAGES={"cache": str(tmp_path / "cache")})
    message = str(caught.value)
    assert words in message
    assert path in message
    if line is not None:
        assert f"{path}:{line}:" in message
    assert tree_digest(built.output) == before
    assert not list(built.root.glob(".output-build-*")), "the staging folder was not cleaned up"


def test_an_image_without_alt_text_is_still_a_warning_with_its_line(built, tmp_path):
    built.write({"news/second.en.md": "Title: Second\nDate: 2023-02-20\nSummary: s.\n\n![]({static}/images/fine.jpg)\n"})
    report = built.build(IMAGES={"cache": str(tmp_path / "cache")})
    found = {(w.path, w.line, str(w.message)) for w in report.check_warnings}
    assert ("news/second.en.md", 5, "the image fine.jpg has no description") in found
    assert '<img alt="" src="/images/fine.jpg" width="600" height="300"' in built.read("en/news/second/index.html")
    with pytest.raises(BuildError, match="news/second.en.md:5: the image fine.jpg has no description"):
        built.build(strict=True, IMAGES={"cache": str(tmp_path / "cache")})


@pytest.mark.parametrize("images, words", [
    ({"widht": [480]}, "IMAGES: unknown key 'widht'"),
    ({"widths": [960, 480]}, "IMAGES['widths']: must be a list of whole numbers"),
    ({"webp_quality": 0}, "IMAGES['webp_quality']: must be a whole number from 1 to 100"),
])
def test_bad_settings_name_the_settings_file(built, images, words):
    before = tree_digest(built.output)
    with pytest.raises(BuildError) as caught:
        build_site(SETTINGS, content=built.content, output=built.output, overrides={"IMAGES": images})
    assert words in str(caught.value)
    assert "pelicanconf.py" in str(caught.value)
    assert tree_digest(built.output) == before


# --- campaign logos and heroes ---------------------------------------------------------------------

CAMPAIGN = ("title:\n  ar: حملة\n  en: A campaign\ndescription: {ar: وصف, en: About it}\n"
            "status: active\nstart: 2023-03-01\nlogo: logo.png\nhero:\n  image: hero.jpg\n"
            "  alt: {ar: صورة نموذجية, en: A sample picture}\n")
CAMPAIGN_FILES = {"campaigns/fair/campaign.yaml": CAMPAIGN,
                  "campaigns/fair/index.ar.md": "Title: ar\n\nText.\n", "campaigns/fair/index.en.md": "Title: en\n\nText.\n",
                  "campaigns/fair/logo.png": photo(300, 300, fmt="PNG", gps=True),
                  "campaigns/fair/hero.jpg": photo(2000, 1000, gps=True, orientation=3)}


def test_campaign_heroes_and_logos_are_processed(tmp_path):
    made = TinySite(tmp_path).write(CAMPAIGN_FILES)
    made.build(IMAGES={"cache": str(tmp_path / "cache")})
    html = made.read("en/campaigns/fair/index.html")
    hero = re.search(r'<picture><source type="image/webp" srcset="([^"]+)" sizes="\(min-width: 74rem\) 35rem, '
                     r'\(min-width: 40rem\) calc\(50vw - 2rem\), calc\(100vw - 2rem\)"><img class="campaign-hero__image" '
                     r'src="/campaigns/fair/hero.jpg" alt="A sample picture" width="1440" height="720" '
                     r'fetchpriority="high"></picture>', html)
    assert hero, "the hero is an eager <picture> sized for its column"
    for url in srcset_urls(html):
        assert re.fullmatch(r"/campaigns/fair/hero-\d+w\.[0-9a-f]{10}\.webp", url)
        assert (made.output / url[1:]).is_file()
    for name, size in (("hero.jpg", (1440, 720)), ("logo.png", (300, 300))):
        data = (made.output / "campaigns" / "fair" / name).read_bytes()
        assert b"GPS" not in data and b"PhoneMaker" not in data, name
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == size and not image.getexif(), name


def test_a_broken_campaign_hero_names_campaign_yaml_and_line(tmp_path):
    made = TinySite(tmp_path).write({**GOOD, **CAMPAIGN_FILES})
    made.build(IMAGES={"cache": str(tmp_path / "cache")})
    before = tree_digest(made.output)
    made.write({"campaigns/fair/hero.jpg": b"\xff\xd8\xff not a picture"})  # passes safety.kinds (a JPEG signature), not Pillow
    with pytest.raises(BuildError) as caught:
        made.build(IMAGES={"cache": str(tmp_path / "cache")})
    assert ("campaigns/fair/campaign.yaml:9: the image campaigns/fair/hero.jpg: the file is not an image"
            in str(caught.value))
    assert tree_digest(made.output) == before
