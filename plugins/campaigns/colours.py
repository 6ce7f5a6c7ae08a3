"""Campaign colours: #rrggbb values and the WCAG contrast they must keep on the page.

The build refuses a colour people could not read, rather than leaving it to axe-core to
find on the live site: link and button colours must reach 4.5:1 against white.
"""

import re

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
TEXT_CONTRAST = 4.5  # WCAG 2 AA for normal text


def luminance(colour):
    """Relative luminance of '#rrggbb' (WCAG 2)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
