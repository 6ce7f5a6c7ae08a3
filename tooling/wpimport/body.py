"""A WordPress post's HTML into this site's Markdown.

In order: embeds and Gutenberg block comments, the shortcodes WordPress sites use most
([caption], [gallery], [embed]; any other is removed and reported), WordPress's auto-paragraphs
for classic-editor bodies (wpautop), then links and pictures rewritten (another post → `{filename}`,
an upload → `{static}`, an unsafe kind → its text only), what cannot run here removed (scripts,
frames, forms, players) and the rest converted by markdownify. Text that looks like HTML is
escaped, so the result is what the page said, never markup; the build's sanitiser still reads it.
"""

import html
import json
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from messages import t

BLOCK_EMBED = re.compile(r"<!--\s*wp:((?:core-)?embed(?:/[\w-]+)?)\s+(\{.*?\})\s*/?-->(.*?)<!--\s*/wp:\1\s*-->", re.S)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
SHORTCODE = re.compile(r"\[(/?)([a-z_][a-z0-9_-]*)((?:\s[^\]]*)?)\]")
ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "dailymotion.com", "facebook.com", "soundcloud.com")
REMOVED_TAGS = ("script", "style", "iframe", "object", "embed", "form", "input", "button", "select", "textarea",
                "noscript", "video", "audio", "canvas", "svg", "math", "link", "meta", "base")
BLOCK_TAGS = ("table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
              "blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
              "footer|nav|figure|figcaption|details|menu|summary")
SAFE_SCHEMES = ("http", "https", "mailto")
# Words of the links the import writes into content, in the item's language.
LINK_WORDS = {
    "video": {"ar": "شاهدوا الفيديو على {site}", "en": "Watch the video on {site}"},
    "embed": {"ar": "اطّلعوا عليه على {site}", "en": "See it on {site}"},
}


class Converter(MarkdownConverter):
    """markdownify, with text that looks like markup escaped as entities (`<` → `&lt;`): Python-Markdown
    would otherwise pass `<script>` typed as text straight into the page as HTML."""

    def escape(self, text, parent_tags):
        text = super().escape(text, parent_tags)
        return text.replace("&", "&amp;").replace("<", "&lt;")


def site_of(url):
    return (urlsplit(url).hostname or "").removeprefix("www.")


def link_words(url, lang):
    site = site_of(url)
    kind = "video" if any(site == host or site.endswith("." + host) for host in VIDEO_HOSTS) else "embed"
    words = LINK_WORDS[kind]
    return words.get(lang, words["en"]).format(site=site)


def embed_html(url, lang):
    """The safe form of an embedded player or post: a paragraph with a link to it (no frame, no script)."""
    return f'\n\n<p><a href="{html.escape(url)}">{html.escape(link_words(url, lang))}</a></p>\n\n'


def blocks(body, lang):
    """Gutenberg: embed blocks become links; every block comment goes."""
    def embed(match):
        try:
            url = json.loads(match.group(2)).get("url", "")
        except (ValueError, AttributeError):
            url = ""
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            found = re.search(r"https?://[^\s<>\"]+", match.group(3))
            url = found.group(0) if found else ""
        return embed_html(url, lang) if url else ""

    return BLOCK_COMMENT.sub("", BLOCK_EMBED.sub(embed, body))


def attributes(text):
    return {m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
            for m in ATTRIBUTE.finditer(text)}


def shortcodes(body, lang, gallery, problems):
    """[caption], [gallery], [embed] and bare URL lines (oEmbed) made HTML; any other shortcode removed, reported.
    `gallery(ids)` gives the images' HTML for a gallery ([] of ids: the post's own attached images)."""
    out, position = [], 0
    for match in SHORTCODE.finditer(body):
        if match.start() < position:
            continue
        closing, name, rest = match.groups()
        out.append(body[position:match.start()])
        position = match.end()
        if closing:
            continue  # a closing tag met alone: the opening was handled or unknown
        end = re.compile(r"\[/" + re.escape(name) + r"\]").search(body, position)
        inner = ""
        if name in ("caption", "wp_caption", "embed") and end:
            inner, position = body[position:end.start()], end.end()
        if name in ("caption", "wp_caption"):
            image = re.search(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", inner)
            caption = attributes(rest).get("caption") or (inner[image.end():] if image else inner).strip()
            picture = image.group(0) if image else ""
            if caption and picture and not re.search(r'\balt="[^"]+"', picture):
                picture = re.sub(r'\balt="[^"]*"', "", picture).replace("<img", f'<img alt="{html.escape(caption, quote=True)}"', 1)
            out.append(f"\n\n<p>{picture}</p>\n\n<p><em>{caption}</em></p>\n\n" if caption else f"\n\n<p>{picture}</p>\n\n")
        elif name == "gallery":
            ids = [int(x) for x in re.findall(r"\d+", attributes(rest).get("ids", ""))]
            out.append("\n\n" + "\n\n".join(f"<p>{picture}</p>" for picture in gallery(ids)) + "\n\n")
        elif name == "embed":
            url = inner.strip()
            out.append(embed_html(url, lang) if url.startswith(("http://", "https://")) else "")
        else:
            problems.append(t("a [{name}] shortcode was removed: this site has no equivalent", name=name))
    out.append(body[position:])
    return "".join(out)


def bare_urls(body, lang):
    """A URL alone on its line is an oEmbed in the classic editor: it becomes a link paragraph."""
    return URL_LINE.sub(lambda m: embed_html(m.group(1), lang), body)


def wpautop(text):
    """WordPress's auto-paragraphs, as classic-editor posts need them: blank lines make paragraphs,
    a single line break a <br>; block elements are left as they are."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"(<(?:" + BLOCK_TAGS + r")[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</(?:" + BLOCK_TAGS + r")>)", r"\1\n\n", text)
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if re.match(r"</?(?:" + BLOCK_TAGS + r")[\s/>]", chunk):
            paragraphs.append(chunk)
        else:
            paragraphs.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(paragraphs)


def to_markdown(body, lang, resolve, gallery, problems, describe=lambda url: ""):
    """Markdown of one post's body. `resolve(url, is_image)` → ('{filename}…'|'{static}…', None) for a post or an
    upload, (url, None) to keep, or (None, Text) to drop with a reason; `problems` collects what was lost."""
    classic = "<!-- wp:" not in body
    body = blocks(body, lang)
    body = shortcodes(body, lang, gallery, problems)
    if classic:
        body = wpautop(bare_urls(body, lang))
    soup = BeautifulSoup(body, "html.parser")
    for tag in soup.find_all(REMOVED_TAGS):
        if tag.decomposed:
            continue  # inside one removed already
        source = tag.get("src") or tag.get("data") or ""
        if tag.name == "iframe" and source.startswith(("http://", "https://", "//")):
            url = "https:" + source if source.startswith("//") else source
            tag.replace_with(BeautifulSoup(embed_html(url, lang), "html.parser"))
            continue
        if tag.name not in ("style", "noscript", "link", "meta", "base"):
            problems.append(t("a <{tag}> element was removed: scripts, frames, forms and players do not run on this site",
                              tag=tag.name))
        tag.decompose()
    for tag in soup.find_all("a"):
        href = tag.get("href")
        if not href:
            tag.unwrap()
            continue
        target, problem = resolve(href, False)
        if problem is not None:
            problems.append(problem)
        if target is None:
            tag.unwrap()
        else:
            tag.attrs = {"href": target}
    for tag in soup.find_all("img"):
        source = tag.get("src", "")
        target, problem = resolve(source, True)
        if problem is not None:
            problems.append(problem)
        alt = " ".join((tag.get("alt") or describe(source) or "").split())
        if target is None or not target.startswith("{static}"):
            words = alt or site_of(tag.get("src", "")) or ""
            if target and words:
                replacement = soup.new_tag("a", href=target)
                replacement.string = words
                tag.replace_with(replacement)
            else:
                tag.decompose()
            continue
        tag.attrs = {"src": target, "alt": alt}
    text = Converter(heading_style="ATX", bullets="-", strip=["span", "font", "u"]).convert_soup(soup)
    text = re.sub(r"^[ \t]+$", "", text, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def plain_text(body, limit=200):
    """A one-line summary: the text of the first paragraph that has some, cut at a word."""
    soup = BeautifulSoup(wpautop(BLOCK_COMMENT.sub("", SHORTCODE.sub("", body))), "html.parser")
    for tag in soup.find_all(REMOVED_TAGS + ("figure", "figcaption")):
        tag.decompose()
    for paragraph in soup.find_all(["p", "li", "h2", "h3"]) or [soup]:
        words = " ".join(paragraph.get_text(" ").split())
        if len(words) > 20:
            break
    else:
        words = " ".join(soup.get_text(" ").split())
    if len(words) > limit:
        words = words[:limit].rsplit(" ", 1)[0] + "…"
    return words
