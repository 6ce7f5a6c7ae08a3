"""plugins/drawing: the card faces, and a title of any length shaped, wrapped and fitted into a box."""

import io

from PIL import Image, ImageChops, ImageDraw, ImageFont

from drawing.fonts import FACES, face
from drawing.text import ELLIPSIS, direction_of, fit, draw_lines, width

TITLE_AR = "حملة تطلق تقريرها السنوي عن انتهاكات الحقوق الرقمية الفلسطينية"


def picture(fitted, lang, size=(1000, 400)):
    image = Image.new("RGB", size, "white")
    draw_lines(ImageDraw.Draw(image), fitted, (20, 20, size[0] - 20, size[1] - 20), lang, "black")
    return image


def test_the_faces_carry_arabic_and_latin_in_one_file():
    font = face("bold", 40)
    for text in ("حملة", "7amleh", "٢٠٢٦"):
        assert font.getmask(text).getbbox() is not None, text
    assert {path.name for path in FACES.glob("*.ttf")} == {"card-regular.ttf", "card-bold.ttf"}
    assert (FACES / "LICENSE-OFL.txt").exists()


def test_arabic_is_shaped_not_drawn_as_separate_letters():
    """The same text with Pillow's basic layout (no shaping, no bidi) gives isolated letters: a different
    picture and a wider one, since joined Arabic letters are narrower than their isolated forms."""
    shaped = face("bold", 48)
    basic = ImageFont.truetype(str(FACES / "card-bold.ttf"), 48, layout_engine=ImageFont.Layout.BASIC)
    assert shaped.getlength("الحقوق الرقمية", direction="rtl", language="ar") < basic.getlength("الحقوق الرقمية")
    drawn = []
    for font in (shaped, basic):
        image = Image.new("L", (700, 90), 255)
        ImageDraw.Draw(image).text((10, 10), "الحقوق الرقمية", font=font, fill=0)
        drawn.append(image)
    assert ImageChops.difference(*drawn).getbbox() is not None


def test_a_300_character_title_fits_the_box_whole_or_cut_at_a_word():
    title = ((TITLE_AR + " ") * 5)[:300]
    whole = fit(title, 960, 360, "ar")  # a card's title area: all of it, smaller
    assert " ".join(whole.lines) == title.strip() and whole.size < 64
    assert len(whole.lines) * whole.line_height <= 360
    cut = fit(title, 960, 140, "ar")  # no room: as many lines as fit, the last one ending in …
    font = face(cut.weight, cut.size)
    assert len(cut.lines) * cut.line_height <= 140
    assert all(width(line, font, "ar") <= 960 for line in cut.lines)
    assert cut.lines[-1].endswith(ELLIPSIS) and title.startswith(" ".join(cut.lines)[:-1].rstrip())
    assert picture(cut, "ar").getbbox() is not None


def test_a_short_title_is_drawn_large_and_whole_from_the_right_in_arabic_and_the_left_in_english():
    arabic, english = fit("تقرير", 960, 360, "ar"), fit("Report", 960, 360, "en")
    assert arabic.size == english.size == 64 and arabic.lines == ("تقرير",) and english.lines == ("Report",)
    ink_ar = ImageChops.invert(picture(arabic, "ar").convert("L")).getbbox()
    ink_en = ImageChops.invert(picture(english, "en").convert("L")).getbbox()
    assert ink_ar[2] > 900 and ink_ar[0] > 500  # hugs the right edge
    assert ink_en[0] < 100 and ink_en[2] < 500  # hugs the left edge
    assert direction_of("ar") == "rtl" and direction_of("en") == "ltr"


def test_a_long_word_is_broken_rather_than_overflowing():
    fitted = fit("https://7amleh.org/" + "x" * 200, 600, 400, "en")
    font = face(fitted.weight, fitted.size)
    assert all(width(line, font, "en") <= 600 for line in fitted.lines)


def test_drawing_is_deterministic():
    fitted = fit(TITLE_AR, 960, 360, "ar")
    outputs = []
    for _ in range(2):
        buffer = io.BytesIO()
        picture(fitted, "ar").save(buffer, "PNG")
        outputs.append(buffer.getvalue())
    assert outputs[0] == outputs[1]
