"""The sanitiser itself (plugins/safety/html.py): what it keeps, what it refuses, and a property
test that whatever it lets through holds nothing that runs, loads or leaves the site."""

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safety.embedded import script_json
from safety.html import ATTRIBUTES, SCHEMES, STRICT, TAGS, Refused, is_remote, sanitise, url_scheme

KEPT = [
    '<p>Text with <a href="https://7amleh.org/">a link</a>, <em>emphasis</em> and <code>code</code>.</p>',
    '<p><img src="{static}/images/cover.jpg" alt="A cover" width="640" height="480"></p>',
    '<p><a href="{filename}../news/x.en.md">an item</a> <a href="mailto:info@7amleh.org">mail</a> '
    '<a href="tel:+97200000000">call</a> <a href="#fn:1">note</a></p>',
    '<table><thead><tr><th scope="col">a</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table>',
    '<div class="footnote"><ol><li id="fn:1"><p>Note <a class="footnote-backref" href="#fnref:1" title="Back">↩</a></p></li></ol></div>',
    '<div class="highlight"><pre><span></span><code><span class="n">x</span></code></pre></div>',
    '<p dir="rtl" lang="ar">نص <bdi>English</bdi></p><details><summary>More</summary><p>x</p></details>',
]


@pytest.mark.parametrize("html", KEPT)
def test_what_markdown_makes_is_kept_as_it_is(html):
    assert sanitise(html) == (html, [])


REFUSED = {
    '<script>alert(1)</script>': "inline <script>",
    '<p onclick="x()">a</p>': "onclick",
    '<a href="javascript:alert(1)">x</a>': "'javascript:'",
    '<a href="JaVaScRiPt&colon;alert(1)">x</a>': "'javascript:'",
    '<a href="  java\tscript:alert(1)">x</a>': "'javascript:'",
    '<a href="vbscript:x">x</a>': "'vbscript:'",
    '<img src="data:image/png;base64,AAAA" alt="x">': "'data:'",
    '<img src="https://evil.example/x.png" alt="x">': "another site",
    '<img src="//evil.example/x.png" alt="x">': "another site",
    '<img srcset="https://evil.example/x.png 2x" alt="x">': "srcset",
    '<iframe src="/x"></iframe>': "<iframe>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">': "<meta>",
    '<form><button formaction="https://evil.example">x</button></form>': "<form>",
    '<svg onload="alert(1)"></svg>': "<svg>",
    '<math><a xlink:href="javascript:alert(1)">x</a></math>': "<math>",
    '<p style="color:red">x</p>': "style",
    '<a href="https://x.example" ping="https://evil.example">x</a>': "ping",
    '<!--><img src=x onerror=alert(1)>-->': "cannot publish",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>': "<noscript>",
    "<div>" * 80 + "x" + "</div>" * 80: "nested 80 deep",
}


@pytest.mark.parametrize("html", REFUSED)
def test_what_runs_loads_sends_or_navigates_is_refused(html):
    with pytest.raises(Refused) as refused:
        sanitise(html)
    assert REFUSED[html] in " ".join(str(f.message) for f in refused.value.findings)
    assert refused.value.findings[0].level == "error"


def test_unused_markup_is_removed_with_a_warning_and_its_text_kept():
    clean, warnings = sanitise('<p><font color="red">red</font> <a href="/x" target="_blank">x</a></p>')
    assert clean == '<p>red <a href="/x">x</a></p>'
    assert [str(w.message) for w in warnings] == ["<font> is not used on this site: it was removed (its text is kept)",
                                             "the attribute 'target' on <a> is not used on this site: it was removed"]


def test_urls_are_read_as_a_browser_reads_them():
    assert url_scheme(" \x01java\nscript:x") == "javascript"
    assert url_scheme("{static}/images/x.png") == url_scheme("/about/") == url_scheme("#top") == ""
    assert is_remote("//evil.example/x") and is_remote("/\\evil.example/x") and is_remote("https://x")
    assert not is_remote("/images/x.png") and not is_remote("{static}/images/x.png")


def test_json_for_a_script_element_has_no_character_that_starts_markup():
    text = script_json({"headline": "</script><!--<script>&amp;\u2028"})
    assert not set(text) & {"<", ">", "&", "\u2028"}
    assert text == '{"headline": "\\u003c/script\\u003e\\u003c!--\\u003cscript\\u003e\\u0026amp;\\u2028"}'


# Property: whatever passes is inside the allowlist, by a second parser's reading of the output.
NAMES = sorted(TAGS | {"script", "iframe", "img", "svg", "style", "noscript", "form", "font", "meta", "object", "x-y"})
ATTRIBUTE_NAMES = ["href", "src", "onclick", "onerror", "style", "class", "id", "srcset", "target", "title", "alt",
                   "xlink:href", "formaction", "data-x"]
VALUES = ["https://7amleh.org/", "javascript:alert(1)", "//evil.example/x", "/about/", "{static}/images/a.png",
          "java&#x09;script:x", "data:text/html,x", "x\" onerror=\"alert(1)", "</noscript><img src=x onerror=y>",
          "mailto:a@b.org", "#fn:1", "&#106;avascript:1"]
attribute = st.tuples(st.sampled_from(ATTRIBUTE_NAMES), st.sampled_from(VALUES), st.sampled_from(['"', "'", ""]))
fragment = st.recursive(
    st.sampled_from(["text", "نص", "&amp;", "<!--", "-->", "<!-->", "<", ">", "\"", "</p>", "<br>", "</noscript>"]),
    lambda inner: st.builds(
        lambda tag, attrs, body, close: "<{}{}>{}{}".format(
            tag, "".join(f" {n}={q}{v}{q}" for n, v, q in attrs), "".join(body), f"</{tag}>" if close else ""),
        st.sampled_from(NAMES), st.lists(attribute, max_size=3), st.lists(inner, max_size=4), st.booleans()),
    max_leaves=12)


class Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.bad.append(tag)
        for name, value in attrs:
            if name not in ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()):
                self.bad.append(f"{tag}@{name}")
            elif name in ("href", "src") and url_scheme(value or "") not in SCHEMES | {""}:
                self.bad.append(f"{tag}@{name}={value}")
            elif name == "src" and is_remote(value or ""):
                self.bad.append(f"remote {value}")


@settings(max_examples=400, deadline=1000, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(fragment, min_size=1, max_size=5).map("".join))
def test_whatever_passes_is_inside_the_allowlist(html):
    try:
        clean, _ = sanitise(html)
    except Refused as refused:
        assert refused.findings and refused.findings[0].level == "error"
        return
    assert clean == STRICT.clean(html) or "<" not in html and "&" not in html
    audit = Audit()
    audit.feed(clean)
    audit.close()
    assert audit.bad == [], (html, clean)
