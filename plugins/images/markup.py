"""The HTML of a responsive image, and the rewriting of <img> tags in an item's HTML.

One shape for every raster image:

    <picture><source type="image/webp" srcset="…-480w.….webp 480w, …" sizes="…">
    <img src="<fallback>" width height alt loading decoding></picture>

Every current browser takes the WebP source at the width it needs; the <img> is the
JPEG/PNG fallback for the few that cannot read WebP (iOS 13 and older), and its width and
height attributes reserve the space before any byte arrives. A WebP source needs no
fallback, so it is a bare <img srcset>.
"""

import html
import re

IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\s([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def srcset(siteurl, urls):
    return ", ".join(f"{siteurl}/{url} {width}w" for width, url in urls.items())


def loading_attributes(eager):
    # The first image at the top of a page is what the visitor waits for: fetch it first.
    # Everything else waits until it is scrolled near, so an unread page costs no image bytes.
    return ' fetchpriority="high"' if eager else ' loading="lazy" decoding="async"'


def responsive_tag(img_tag, source, urls, siteurl, sizes, eager=False):
    """`img_tag` (an <img …> with src and alt already set) with width, height and loading added,
    wrapped in a <picture> with the WebP variants (or given a srcset, for a WebP source)."""
    width = max(urls)
    added = f' width="{width}" height="{source.height_at(width)}"' + loading_attributes(eager)
    variants = srcset(siteurl, urls)
    if source.fallback == "WEBP":
        added += f' srcset="{variants}" sizes="{sizes}"'
    end = len(img_tag) - (2 if img_tag.endswith("/>") else 1)
    tag = img_tag[:end].rstrip() + added + ">"
    if source.fallback == "WEBP":
        return tag
    return f'<picture><source type="image/webp" srcset="{variants}" sizes="{sizes}">{tag}</picture>'


def image_tag(src, alt, css_class=None):
    """A plain <img> for templates; `src` and `alt` are text, escaped here."""
    cls = f' class="{html.escape(css_class)}"' if css_class else ""
    return f'<img{cls} src="{html.escape(src)}" alt="{html.escape(alt)}">'


def rewrite_images(content, replace):
    """`content` with each <img> whose src is a {static}/{filename} link, and which has no width
    or srcset of its own (staff who wrote those in HTML keep them), replaced by
    replace(tag, src) — or left as it is where that returns None."""
    def one(match):
        attributes = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                      for m in ATTRIBUTE.finditer(match.group(0))}
        src = attributes.get("src") or ""
        if src.startswith(("{static}", "{filename}")) and not {"srcset", "width", "height"} & attributes.keys():
            return replace(match.group(0), src) or match.group(0)
        return match.group(0)

    return IMG.sub(one, content)
