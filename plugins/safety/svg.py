"""SVG files from content — images/*.svg, covers, campaign logos and heroes — must only draw.

An SVG opened at its own address is a document of the site: a <script>, an on…= handler or a
javascript: link in it runs with the site's rights, and an outside address in an href, a
url() or an <?xml-stylesheet?> makes the visitor's browser contact another host. We refuse
such files, naming the line, rather than clean them: the file published is byte for byte
the file checked, and the message teaches what the site accepts (docs/decisions/0008).

The parser is defusedxml's expat: no DTD, no entities, no external references — a
"billion laughs" file stops at its <!DOCTYPE>, before any entity is expanded.
"""

import io
import re
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler

from defusedxml.common import DefusedXmlException
from defusedxml.expatreader import create_parser

from messages import t

from .svgnames import (ATTRIBUTES, CSS_FUNCTIONS, ELEMENTS, REFUSED, SVG, TEXT_ATTRIBUTES, XLINK, XLINK_ATTRIBUTES,
                       XML, XML_ATTRIBUTES)

MAX_PROBLEMS = 20  # per file: enough to see the pattern; a hostile file with a million is not listed whole
LOCAL = re.compile(r"#[\w.:-]+")  # a reference to an element of the same file
LOCAL_URL = re.compile(r"""url\(\s*(['"]?)#[\w.:-]+\1\s*\)""", re.IGNORECASE)
# Both linear on any input: a name is matched only where one starts, and never given back; an
# unclosed comment runs to the end, as in CSS.
FUNCTION = re.compile(r"(?<![-\w])([-\w]++)\s*+\(")
COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
DECLARED_ENCODING = re.compile(r"""\A\ufeff?<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
AGAIN = t("export the drawing again without editor data (in Inkscape: Save As › Optimized SVG)")
EXPORT = t("delete what is named, or {again}", again=AGAIN)


class Problem:
    """What is wrong, where, and what to do; files.py turns it into a ContentError naming the file."""

    def __init__(self, line, message, hint=EXPORT):
        self.line, self.message, self.hint = line, message, hint


class _Enough(Exception):
    """MAX_PROBLEMS found: stop reading the file."""


class _NotSvg(Exception):
    """The root element is not SVG's: one message says it all."""


def check_svg(data):
    """[Problem] for an SVG file's bytes; [] when it only draws."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [Problem(data[:error.start].count(b"\n") + 1, t("the file is not UTF-8 text"),
                        t("save it again with the UTF-8 encoding (every SVG editor can)"))]
    declared = DECLARED_ENCODING.match(text)
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        # A parser would believe the declaration, a browser the server's charset: they must agree.
        return [Problem(1, t("the file declares the encoding '{encoding}'; the site accepts UTF-8 only",
                             encoding=declared.group(1)),
                        t("save it again as UTF-8 and write encoding=\"UTF-8\" (or nothing) in its first line"))]
    checker = _Checker()
    parser = create_parser(namespaceHandling=1, forbid_dtd=True)
    parser.setContentHandler(checker)
    try:
        parser.parse(io.BytesIO(data))  # parse(), not feed(): it hands the handler its locator (line numbers)
    except _NotSvg:
        pass
    except _Enough:
        checker.problems.append(Problem(checker.problems[-1].line, t("and more problems after this line, not listed")))
    except DefusedXmlException:
        checker.problems.append(Problem(
            parser.getLineNumber(), t("the file has a <!DOCTYPE …> (or <!ENTITY …>) declaration"),
            t("delete the <!DOCTYPE …> line and any <!ENTITY …>: an SVG needs neither")))
    except SAXParseException as error:
        checker.problems.append(Problem(error.getLineNumber(), t("the file is not well-formed XML ({reason})",
                                                                 reason=error.getMessage()),
                                        t("open it in an SVG editor and save it again")))
    return checker.problems


def css_problems(css):
    """What is refused in CSS text (a style attribute or element, or a presentation attribute's value):
    Texts naming it, each to follow "… has"."""
    found = []
    if "@import" in css.lower():
        found.append(t("@import (it loads another stylesheet)"))
    if "\\" in css:  # the functions it disguises would only confuse the message
        return found + [t("a backslash (a CSS escape, which can disguise what a rule does)")]
    for text in {css, COMMENT.sub("", css)}:  # with and without comments, so neither can hide a function
        for match in FUNCTION.finditer(text):
            name = match.group(1).lower()
            if name == "url":
                if not LOCAL_URL.match(text, match.start()):
                    found.append(t("url() with an address (only url(#id), a part of the same drawing, is accepted)"))
            elif name not in CSS_FUNCTIONS:
                found.append(t("the CSS function {name}() (not one a drawing needs)", name=name))
    return list(dict.fromkeys(found))


class _Checker(ContentHandler):
    """SAX handler: every element, attribute, processing instruction and <style> text, with its line."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self.depth = 0
        self.style = None  # the text of the <style> element being read, else None
        self.style_line = None
        self.locator = None
        self.prefixes = {SVG: "", XLINK: "xlink", XML: "xml"}  # namespace → prefix, to name elements as written

    def setDocumentLocator(self, locator):
        self.locator = locator

    def line(self):
        return self.locator.getLineNumber() if self.locator else None

    def refuse(self, message, hint=EXPORT, line=None):
        self.problems.append(Problem(line or self.line(), message, hint))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _Enough

    def startPrefixMapping(self, prefix, uri):
        self.prefixes.setdefault(uri, prefix or "")

    def processingInstruction(self, target, data):
        # The XML declaration is not one; <?xml-stylesheet href=…?> would load a stylesheet from anywhere.
        self.refuse(t("<?{target} …?> is not accepted in an SVG (it can load a stylesheet from another site)",
                      target=target), t("delete the <?{target} …?> line", target=target))

    def startElementNS(self, name, qname, attrs):
        uri, local = name
        qname = f"{self.prefixes[uri]}:{local}" if self.prefixes.get(uri) else local
        if self.depth == 0 and (uri, local) != (SVG, "svg"):
            start = t('an SVG starts with <svg xmlns="http://www.w3.org/2000/svg" …>')
            if local == "svg":
                self.refuse(t('the <svg> element lacks xmlns="http://www.w3.org/2000/svg", without which browsers '
                              "do not draw it"), start)
            else:
                self.refuse(t("the file is not an SVG drawing: it starts with <{element}>", element=qname), start)
            raise _NotSvg
        if uri != SVG:
            self.refuse(t("<{element}> is not an SVG element (editor data or another language inside the drawing)",
                          element=qname))
        elif local not in ELEMENTS:
            why = REFUSED.get(local) or t("it is not one of the drawing elements the site accepts")
            self.refuse(t("<{element}> is not accepted in an SVG: {why}", element=local, why=why),
                        t("delete the <{element}> element, or {again}", element=local, again=AGAIN))
        for (attr_uri, attr), value in attrs.items():
            self.check_attribute(local, attr_uri, attr, attrs.getQNameByName((attr_uri, attr)), value)
        if local == "style" and uri == SVG:
            self.style, self.style_line = [], self.line()
        self.depth += 1

    def endElementNS(self, name, qname):
        self.depth -= 1
        if name == (SVG, "style") and self.style is not None:
            for problem in css_problems("".join(self.style)):
                self.refuse(t("the <style> element has {problem}", problem=problem), line=self.style_line)
            self.style = None

    def characters(self, content):
        if self.style is not None:
            self.style.append(content)

    def check_attribute(self, element, uri, name, qname, value):
        if not uri and name.lower().startswith("on"):
            self.refuse(t("<{element} {attribute}=…>: an event handler runs script in the visitor's browser",
                          element=element, attribute=qname), t("delete the {attribute} attribute", attribute=qname))
            return
        if name == "href" and uri in (None, XLINK):
            if not LOCAL.fullmatch(value):
                self.refuse(t("<{element} {attribute}=\"{value}\">: only a reference to a part of the same drawing "
                              "(#id) is accepted; an address can load another file, run script or lead away",
                              element=element, attribute=qname, value=value[:60]),
                            t("delete the {attribute} attribute, or draw what it points to inside this file",
                              attribute=qname))
            return
        allowed = {None: ATTRIBUTES, XLINK: XLINK_ATTRIBUTES, XML: XML_ATTRIBUTES}.get(uri)
        if allowed is None:
            self.refuse(t("<{element} {attribute}=…>: an attribute in another namespace (editor data, which can hold "
                          "the author's file paths)", element=element, attribute=qname))
            return
        if name not in allowed:
            self.refuse(t("<{element} {attribute}=…> is not an attribute the site accepts in an SVG",
                          element=element, attribute=qname))
            return
        if name in TEXT_ATTRIBUTES and "url(" not in value.lower() and "\\" not in value:
            return  # free text: parentheses there are not CSS functions
        for problem in css_problems(value):
            self.refuse(t("<{element} {attribute}=…> has {problem}", element=element, attribute=qname, problem=problem))
