"""One allowlist sanitiser for every piece of HTML that comes from content.

Markdown bodies and summaries (and campaign pages, which are Markdown too) pass through
`sanitise()` once, as they are read. What is published is nh3's output (Rust's ammonia,
an HTML5 parser and serialiser): only the elements and attributes below, URLs only with
the schemes below or relative, images only from this site. That alone is the guarantee.

Silently stripping would hide mistakes, so the same HTML is also walked by `find()`, which
says what the allowlist refuses and why: an error where it could run code, load or send
something, or navigate a visitor away; a warning where it is only markup the site does not
use (it is removed, its text kept). As a safety net for what the two parsers might see
differently, the output is compared with a permissive clean of the same HTML: if the
allowlist changed something `find()` did not explain, that is an error too — nothing is
dropped in silence.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from messages import Text, t

# Elements the theme's .prose styles and Markdown (with `extra` and `codehilite`) makes.
TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "b", "i", "u", "s", "del", "ins",
    "sub", "sup", "small", "mark", "abbr", "cite", "q", "dfn", "code", "kbd", "samp", "var", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "colgroup", "col", "figure", "figcaption", "img", "span", "div", "details", "summary", "time", "bdi", "bdo",
    "wbr", "ruby", "rt", "rp",
})
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan", "abbr"},
    "td": {"colspan", "rowspan", "headers"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "time": {"datetime"}, "del": {"datetime"}, "ins": {"datetime"},
    "details": {"open"},
}
SCHEMES = frozenset({"https", "http", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src"})


@dataclass(frozen=True)
class Family:
    """What the allowlist refuses and is an error, by what it would do: the message about an element
    ({element}), about an attribute ({element}, {attribute}; None where no attribute is of the family),
    and how to do it instead. The messages are templates: `_filled` gives them their values."""
    element: Text
    attribute: Text
    hint: Text


EMBED_HINT = t("to show a partner's video or post, link to it with a picture saved on this site: "
               "[![what the picture shows]({{static}}/images/poster.jpg)](https://…) — it becomes a card, "
               "and nothing loads from the other site until a visitor clicks")
FAMILIES = {
    "runs": Family(t("<{element}> would run code in visitors' browsers"),
                   t("<{element} {attribute}=…> would run code in visitors' browsers"),
                   t("scripts belong to the theme (themes/base/static/js/); ask a developer")),
    "hides": Family(t("<{element}> can hide code from the site's checks"), None,
                    t("remove it and write the content in Markdown")),
    "loads": Family(t("<{element}> would load something from another site (visitors would be tracked)"),
                    t("<{element} {attribute}=…> would load something from another site (visitors would be tracked)"),
                    EMBED_HINT),
    "sends": Family(t("<{element}> would send what visitors type to another site"),
                    t("<{element} {attribute}=…> would send what visitors type to another site"),
                    t("link to the form instead; the mailing-list form is already on every page")),
    "page": Family(t("<{element}> would change how the whole page loads or where it leads"),
                   t("<{element} {attribute}=…> would change how the whole page loads or where it leads"),
                   t("remove it; the theme sets everything in the page's <head>")),
    "inline-svg": Family(t("<{element}> is not allowed inside Markdown"), None,
                         t("save the drawing as a file in content/images/ and show it with "
                           "![description]({{static}}/images/….svg)")),
    "style": Family(t("<{element}> is blocked by the site's security policy"),
                    t("<{element} {attribute}=…> is blocked by the site's security policy"),
                    t("use Markdown formatting, or ask a developer for a class in site.css "
                      "(table column alignment ':---:' makes style attributes too: remove the colons)")),
}
ERROR_TAGS = {
    "script": "runs",
    **dict.fromkeys(("noscript", "template", "xmp", "plaintext", "slot"), "hides"),
    **dict.fromkeys(("iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe", "audio",
                     "video", "source", "track", "picture", "image", "noembed", "noframes", "canvas"), "loads"),
    **dict.fromkeys(("form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output",
                     "fieldset", "isindex", "keygen"), "sends"),
    **dict.fromkeys(("link", "meta", "base", "head", "body", "html", "title"), "page"),
    **dict.fromkeys(("svg", "math"), "inline-svg"),
    "style": "style",
}
# Attributes that make a browser fetch, send or run something, whatever the element.
ERROR_ATTRIBUTES = {
    "srcset": "loads", "background": "loads", "poster": "loads", "data": "loads", "codebase": "loads",
    "xlink:href": "loads", "ping": "sends", "action": "sends", "formaction": "sends", "http-equiv": "page",
    "style": "style",
}
CLEAN_CONTENT = frozenset({"script", "style", "template", "iframe", "noscript", "textarea", "title", "xmp",
                           "noembed", "noframes", "svg", "math", "select", "object"})
PLACEHOLDER = re.compile(r"^[{|](static|filename|attach|index|tag|category|author)[}|]")
# What a browser ignores in a URL before reading its scheme: spaces, control characters, tabs and newlines inside.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Finding:
    level: str  # "error" or "warning"
    message: Text
    needles: tuple  # texts to look for in the source, in order, to name the line
    hint: Text
    tag: str = ""
    attribute: str = None  # None: the finding is about the element itself


def _filled(template, **values):
    """A Family's message template with its values (the element, the attribute)."""
    return Text(template.template, values)


def url_scheme(value):
    """The scheme a browser would read in `value` (lower case), or '' for a relative URL."""
    value = URL_NOISE.sub("", value)
    if PLACEHOLDER.match(value):
        return ""
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", value)
    return match.group(1).lower() if match else ""


def is_remote(value):
    """Does this URL lead to another host? (a scheme, or // and its lookalikes /\\ \\\\)."""
    value = URL_NOISE.sub("", value).replace("\\", "/")
    return bool(url_scheme(value)) or value.startswith("//")


def _keep_attribute(tag, attribute, value):
    # An image must come from this site: a remote src is a request to another host on every visit.
    if attribute == "src" and is_remote(value):
        return None
    return value


STRICT = nh3.Cleaner(tags=set(TAGS), clean_content_tags=set(CLEAN_CONTENT),
                     attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                     attribute_filter=_keep_attribute, url_schemes=set(SCHEMES), link_rel=None, strip_comments=True)


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
                  "param", "keygen", "image", "isindex", "frame"})
MAX_DEPTH = 64  # elements inside elements; Markdown never nests this deep, and the sanitiser's cost grows with it


def _short(value, limit=60):
    value = value.strip()
    return value if len(value) <= limit else value[:limit - 1] + "…"


class _Finder(HTMLParser):
    """Walks HTML as a browser reads it (character references decoded) and notes what the allowlist refuses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self.depth = self.deepest = 0

    def _note(self, level, message, needle, hint, tag, attribute=None):
        # The source may spell it differently (entities, Markdown syntax): then the attribute, then the element.
        needles = (needle, f"{attribute}=", attribute, f"<{tag}") if attribute else (needle, f"<{tag}")
        self.findings.append(Finding(level, message, needles, hint, tag, attribute))

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
        family = FAMILIES.get(ERROR_TAGS.get(tag))
        if family:
            message = (t("inline <script> would run code in visitors' browsers") if tag == "script" and not attrs
                       else _filled(family.element, element=tag))
            self._note("error", message, f"<{tag}", family.hint, tag)
        elif tag not in TAGS:
            self._note("warning", t("<{element}> is not used on this site: it was removed (its text is kept)",
                                    element=tag), f"<{tag}", t("use Markdown formatting instead"), tag)
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.depth -= 1

    def handle_endtag(self, tag):
        if tag not in VOID and self.depth:
            self.depth -= 1

    def _attribute(self, tag, name, value):
        needle = value.strip() or f"{name}="
        if name.startswith("on"):
            self._note("error", _filled(FAMILIES["runs"].attribute, element=tag, attribute=name), name,
                       t("event handlers belong to the theme's script files (themes/base/static/js/); ask a developer"),
                       tag, name)
            return
        family = FAMILIES.get(ERROR_ATTRIBUTES.get(name))
        if family:
            self._note("error", _filled(family.attribute, element=tag, attribute=name), name, family.hint, tag, name)
            return
        if name in URL_ATTRIBUTES:
            scheme = url_scheme(value)
            if scheme and scheme not in SCHEMES:
                self._note("error", t("the address '{address}' uses '{scheme}:', which the site does not allow",
                                      address=_short(value), scheme=scheme),
                           needle, t("addresses start with https://, http://, mailto: or tel:, or lead to a page of "
                                     "this site"), tag, name)
                return
            if name == "src" and tag == "img" and is_remote(value):
                self._note("error", t("the image {address} would be loaded from another site on every visit",
                                      address=_short(value)),
                           needle, t("save the image in content/images/ and write ![description]({{static}}/images/…)"),
                           tag, name)
                return
        if tag in TAGS and tag not in ERROR_TAGS and name not in ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()):
            self._note("warning", t("the attribute '{attribute}' on <{element}> is not used on this site: it was removed",
                                    attribute=name, element=tag),
                       f"{name}=", t("remove it; the theme decides how content looks"), tag, name)


def find(html):
    """The finder after reading `html`: its findings (every refused element or attribute, in
    document order) and how deep its elements nest."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder


# Every element and attribute name HTML knows (WHATWG's index, obsolete ones included): the
# permissive clean keeps them all, so it differs from the strict one wherever the allowlist acted.
ALL_TAGS = frozenset(TAGS | set(ERROR_TAGS) | set(VOID) | {
    "address", "article", "aside", "footer", "header", "hgroup", "main", "nav", "section", "search", "menu",
    "data", "map", "area", "dialog", "label", "legend", "meter", "progress", "param", "acronym", "basefont",
    "big", "blink", "center", "dir", "font", "listing", "marquee", "multicol", "nextid", "nobr", "rb", "rtc",
    "spacer", "strike", "tt", "content", "shadow", "element", "bgsound", "menuitem"})
ALL_ATTRIBUTES = frozenset(set().union(*ATTRIBUTES.values()) | set(ERROR_ATTRIBUTES) | {
    "accesskey", "autocapitalize", "autofocus", "contenteditable", "draggable", "enterkeyhint", "hidden", "inert",
    "inputmode", "is", "itemid", "itemprop", "itemref", "itemscope", "itemtype", "nonce", "part", "popover",
    "slot", "spellcheck", "tabindex", "translate", "role", "name", "target", "rel", "download", "type", "media",
    "referrerpolicy", "crossorigin", "integrity", "loading", "decoding", "fetchpriority", "sizes", "usemap",
    "ismap", "align", "valign", "bgcolor", "border", "cellpadding", "cellspacing", "color", "face", "size",
    "frameborder", "scrolling", "allow", "allowfullscreen", "sandbox", "srcdoc", "autoplay", "controls", "loop",
    "muted", "playsinline", "preload", "kind", "srclang", "label", "value", "method", "enctype", "accept",
    "accept-charset", "autocomplete", "novalidate", "placeholder", "required", "readonly", "disabled", "checked",
    "selected", "multiple", "min", "max", "step", "pattern", "for", "form", "content", "charset", "shape",
    "coords", "alink", "link", "vlink", "text", "nowrap", "noshade", "compact", "clear", "hspace", "vspace",
    "longdesc", "lowsrc", "dynsrc", "archive", "classid", "declare", "standby", "valuetype", "manifest",
    "cite", "high", "low", "optimum", "open", "summary", "axis", "char", "charoff", "rev", "scheme", "language",
    "event", "xmlns", "xml:lang", "xml:space", "dirname", "list", "wrap", "cols", "rows", "maxlength",
    "minlength", "formmethod", "formtarget", "formenctype", "formnovalidate", "popovertarget", "attributionsrc",
    "blocking", "elementtiming", "shadowrootmode", "writingsuggestions", "virtualkeyboardpolicy"})
# Schemes a browser acts on; those the strict clean refuses, the permissive one keeps.
KNOWN_SCHEMES = frozenset(SCHEMES | {"javascript", "vbscript", "data", "blob", "file", "filesystem", "about",
                                     "ftp", "ws", "wss", "jar", "view-source", "intent", "sms", "callto", "skype"})
HANDLERS = {"on"}  # every on* attribute, whatever its name
PERMISSIVE = nh3.Cleaner(tags=set(ALL_TAGS), clean_content_tags=set(), attributes={"*": set(ALL_ATTRIBUTES)},
                         generic_attribute_prefixes=HANDLERS | {"data-", "aria-"}, url_schemes=set(KNOWN_SCHEMES),
                         link_rel=None, strip_comments=True)


def permissive(html, finder):
    """nh3's output keeping every element and attribute HTML knows, except what `finder` warned about
    (removed by both): it differs from STRICT's only where the allowlist acted without a finding."""
    if not finder.findings:
        return PERMISSIVE.clean(html)
    warned_tags = {f.tag for f in finder.findings if f.attribute is None}
    warned = {f.attribute for f in finder.findings if f.attribute is not None}
    # An attribute warned about on one element may be allowed on another (width: <td> no, <img> yes).
    attributes = {"*": set(ALL_ATTRIBUTES) - warned,
                  **{tag: allowed & warned for tag, allowed in ATTRIBUTES.items() if tag != "*" and allowed & warned}}
    return nh3.clean(html, tags=set(ALL_TAGS) - warned_tags, clean_content_tags=set(), attributes=attributes,
                     generic_attribute_prefixes=HANDLERS, url_schemes=set(KNOWN_SCHEMES), link_rel=None,
                     strip_comments=True)


class Refused(Exception):
    """HTML that may not be published: the findings, errors first."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__(findings[0].message)


def sanitise(html):
    """(clean HTML, [warning Finding]); raises Refused if anything could run, load, send or navigate."""
    if not html or "<" not in html and "&" not in html:
        return html, []  # plain text: nothing to refuse (most summaries)
    finder = find(html)
    if finder.deepest > MAX_DEPTH:
        raise Refused([Finding("error", t("elements are nested {depth} deep (at most {limit})",
                                          depth=finder.deepest, limit=MAX_DEPTH), ("<",),
                               t("simplify the HTML or the lists: nobody can read content nested that deep"))])
    clean = STRICT.clean(html)
    errors = [f for f in finder.findings if f.level == "error"]
    warnings = [f for f in finder.findings if f.level == "warning"]
    if not errors and clean != permissive(html, finder):
        errors = [Finding("error", t("this HTML contains something the site cannot publish"), ("<!--", "<"),
                          t("write it in Markdown; raw HTML may only use the elements listed in the staff guide"))]
    if errors:
        raise Refused(errors + warnings)
    return clean, warnings
