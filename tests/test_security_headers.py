"""SECURITY_HEADERS may tighten the security headers freely; loosening them is named in the
setting and announced on every build, once; some things no setting can do (issue 14)."""

import runpy

import pytest

from bilingual.build import build_site
from bilingual.errors import BuildError, ContentError
from conftest import ROOT, TinySite, tree_digest
from privacy.headers import DEFAULTS, checked_headers, header_lines, parse_headers_file

CSP = "Content-Security-Policy"
DEFAULT_POLICY = dict(header_lines(DEFAULTS))[CSP]


def setting(tmp_path, text):
    """SECURITY_HEADERS as written in a settings file (so messages name real lines): (value, file, text)."""
    path = tmp_path / "pelicanconf.py"
    path.write_text(text, encoding="utf-8")
    return runpy.run_path(str(path))["SECURITY_HEADERS"], path, text


def line_of(text, marker):
    return next(n for n, content in enumerate(text.splitlines(), 1) if marker in content)


def policy(headers):
    return dict(header_lines(headers))[CSP]


# --- tightening: silent ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ('SECURITY_HEADERS = {}', DEFAULT_POLICY),
    ('SECURITY_HEADERS = {"Content-Security-Policy": {"img-src": ["\'none\'"]}}',
     DEFAULT_POLICY.replace("img-src 'self'", "img-src 'none'")),
    ('SECURITY_HEADERS = {"Content-Security-Policy": {"connect-src": []}}',
     DEFAULT_POLICY.replace("connect-src 'self'", "connect-src")),
    ('SECURITY_HEADERS = {"Content-Security-Policy": {"upgrade-insecure-requests": []}}',
     DEFAULT_POLICY + "; upgrade-insecure-requests"),
    ('SECURITY_HEADERS = {"Content-Security-Policy": {"media-src": ["\'self\'"], "frame-src": ["\'none\'"]}}',
     DEFAULT_POLICY + "; media-src 'self'; frame-src 'none'"),
])
def test_tightening_the_policy_is_silent_and_keeps_every_other_directive(tmp_path, text, expected):
    value, path, _ = setting(tmp_path, text)
    headers, announced = checked_headers(value, path)
    assert policy(headers) == expected
    assert announced == []


def test_stricter_header_values_and_new_headers_are_silent(tmp_path):
    value, path, _ = setting(tmp_path, 'SECURITY_HEADERS = {\n    "Referrer-Policy": "no-referrer",\n'
                                       '    "Permissions-Policy": "' + DEFAULTS["Permissions-Policy"] + ', fullscreen=()",\n'
                                       '    "Strict-Transport-Security": "max-age=63072000",\n}\n')
    headers, announced = checked_headers(value, path)
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Strict-Transport-Security"] == "max-age=63072000"
    assert policy(headers) == DEFAULT_POLICY and announced == []


# --- loosening: hosts announced, anything else named, then announced ----------------------------

def test_naming_one_directive_keeps_the_others_and_a_new_host_is_announced(tmp_path):
    value, path, text = setting(tmp_path, 'SECURITY_HEADERS = {\n    "Content-Security-Policy": {\n'
                                          '        "img-src": ["\'self\'", "https://images.example.org"],\n    },\n}\n')
    headers, announced = checked_headers(value, path)
    assert policy(headers) == DEFAULT_POLICY.replace("img-src 'self'", "img-src 'self' https://images.example.org")
    assert [error.describe() for error in announced] == [f"pelicanconf.py:{line_of(text, 'img-src')}: SECURITY_HEADERS['Content-Security-Policy']"
                         "['img-src']: loosened on purpose: allows https://images.example.org (another host), "
                         "where the default allows only 'self'"]


# name: (the setting, text on the line the message must name, the words, the directive or header to name)
UNNAMED = {
    "'self' where the default allows nothing": ({"object-src": ["'self'"]}, "object-src",
                                                "allows 'self' (this site), where the default allows only 'none'",
                                                "object-src"),
    "a scheme": ({"img-src": ["'self'", "data:"]}, "img-src", "allows data: (data: addresses", "img-src"),
    "any host": ({"connect-src": ["*"]}, "connect-src", "allows * (any host)", "connect-src"),
    "plain http host": ({"font-src": ["http://fonts.example.org"]}, "font-src", "allows http://fonts.example.org",
                        "font-src"),
    "framing by anyone": ({"frame-ancestors": None}, "frame-ancestors", "drops the directive (the default: 'none')",
                          "frame-ancestors"),
    "reports to another host": ({"report-uri": ["https://reports.example.org/csp"]}, "report-uri",
                                "allows https://reports.example.org/csp", "report-uri"),
}


@pytest.mark.parametrize("case", UNNAMED)
def test_loosening_the_policy_must_be_named(tmp_path, case):
    directives, marker, words, name = UNNAMED[case]
    text = "SECURITY_HEADERS = {\n    \"Content-Security-Policy\": {\n" + "".join(
        f"        {key!r}: {value!r},\n" for key, value in directives.items()) + "    },\n}\n"
    value, path, _ = setting(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        checked_headers(value, path)
    message = caught.value.describe()
    assert message.startswith(f"pelicanconf.py:{line_of(text, marker)}: SECURITY_HEADERS['Content-Security-Policy']"
                              f"['{name}']: ")
    assert words in message and "loosening the default must be explicit" in message
    assert f'how to fix: if that is intended, name it: SECURITY_HEADERS = {{…, "loosen": ["{name}"]}}' in message
    named = {**value, "loosen": [name]}
    headers, announced = checked_headers(named, path)
    assert len(announced) == 1 and "loosened on purpose" in str(announced[0]) and f"['{name}']" in str(announced[0])


@pytest.mark.parametrize("header, given, words", [
    ("X-Frame-Options", None, "drops this header"),
    ("X-Frame-Options", "SAMEORIGIN", "is 'SAMEORIGIN' instead of 'DENY'"),
    ("x-content-type-options", None, "drops this header"),
    ("Referrer-Policy", "unsafe-url", "is 'unsafe-url' instead of 'strict-origin-when-cross-origin'"),
    ("Permissions-Policy", "camera=(self)", "is 'camera=(self)' instead of"),
])
def test_weakening_or_dropping_a_header_must_be_named(tmp_path, header, given, words):
    text = f"SECURITY_HEADERS = {{\n    {header!r}: {given!r},\n}}\n"
    value, path, _ = setting(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        checked_headers(value, path)
    assert str(caught.value).startswith(f"pelicanconf.py:2: SECURITY_HEADERS['{header}']: {words}")
    canonical = next(name for name in DEFAULTS if name.lower() == header.lower())
    headers, announced = checked_headers({**value, "loosen": [canonical]}, path)
    assert (canonical in headers) == (given is not None)
    assert len(announced) == 1
    assert str(announced[0]).startswith(f"pelicanconf.py:2: SECURITY_HEADERS['{header}']: loosened on purpose: {words}")


# --- refused whatever the setting says ---------------------------------------------------------

@pytest.mark.parametrize("given, words", [
    ({CSP: {"script-src": ["'self'", "'unsafe-inline'"]}, "loosen": ["script-src"]}, "'unsafe-inline' would let injected code run"),
    ({CSP: {"style-src-attr": ["'unsafe-inline'"]}, "loosen": ["style-src-attr"]}, "'unsafe-inline' would let injected code run"),
    ({CSP: {"default-src": ["'self'", "https:"]}, "loosen": ["default-src"]}, "https: would let injected code run"),
    ({CSP: {"script-src-elem": ["'unsafe-eval'"]}}, "'unsafe-eval' would let injected code run"),
    ({CSP: None, "loosen": [CSP]}, "would drop the whole policy"),
    ({CSP: {"script-src": None, "default-src": None}, "loosen": ["script-src", "default-src"]},
     "without script-src or default-src, scripts could come from anywhere"),
    ({CSP: {"img-src": ["'self'; script-src 'unsafe-inline'"]}}, "is not one source"),
    ({CSP: {"img-scr": ["'self'"]}}, "unknown directive 'img-scr'; did you mean 'img-src'?"),
    ({CSP: ["default-src 'self'"]}, "must be a dict of directive → list of sources"),
    ({"X-Frame-Options": 'DENY"; add_header X "y'}, "must be one line of text, without double quotes"),
    ({"Referrer-Policy": "no-referrer\nSet-Cookie: a=b"}, "must be one line of text"),
    ({"loosen": ["objct-src"]}, "names 'objct-src', which this setting does not loosen; did you mean 'object-src'?"),
    ({CSP: {"img-src": ["https://images.example.org"]}, "loosen": ["img-src", "X-Frame-Options"]},
     "names 'X-Frame-Options', which this setting does not loosen"),
    ({"loosen": "img-src"}, "must be a list of the directives and headers loosened on purpose"),
    ([], "must be a dict of header name → value"),
])
def test_what_no_setting_may_do(given, words):
    with pytest.raises(ContentError) as caught:
        checked_headers(given, "pelicanconf.py")
    assert words in str(caught.value)


# --- through the build: announced once per build, on every build -------------------------------

LOOSENED = ('SECURITY_HEADERS = {\n    "Content-Security-Policy": {\n'
            '        "img-src": ["\'self\'", "https://images.example.org"],\n'
            '        "object-src": ["\'self\'"],\n    },\n    "loosen": ["object-src"],\n}\n')


@pytest.fixture
def loosened(tmp_path):
    base = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    text = f'{base}\nTHEME = "{ROOT / "themes/base"}"\nPLUGIN_PATHS = ["{ROOT / "plugins"}"]\n{LOOSENED}'
    settings = tmp_path / "settings" / "pelicanconf.py"
    settings.parent.mkdir()
    settings.write_text(text, encoding="utf-8")
    after = base.count("\n") + 3
    lines = [next(n for n, t in enumerate(text.splitlines(), 1) if marker in t and n > after)
             for marker in ('"img-src"', '"object-src"')]
    site = TinySite(tmp_path).write({"pages/about.en.md": "Title: About\nSummary: Who we are.\n\nText.\n",
                                     "pages/about.ar.md": "Title: عن\nSummary: من نحن.\n\nنص.\n"})
    return site, settings, lines


@pytest.mark.parametrize("serial", ["", "1"])
def test_each_loosening_is_announced_once_per_build_on_every_build(loosened, monkeypatch, serial):
    site, settings, (img, obj) = loosened
    monkeypatch.setenv("SITE_BUILD_SERIAL", serial)  # "": the English site is built in a forked process
    expected = [f"pelicanconf.py:{img}: SECURITY_HEADERS['Content-Security-Policy']['img-src']: loosened on purpose: "
                "allows https://images.example.org (another host), where the default allows only 'self'",
                f"pelicanconf.py:{obj}: SECURITY_HEADERS['Content-Security-Policy']['object-src']: loosened on purpose: "
                "allows 'self' (this site), where the default allows only 'none'"]
    for _ in range(2):  # every build, not only the first of this process
        report = build_site(settings, content=site.content, output=site.output)
        assert report.warnings == expected
    served = dict(parse_headers_file(site.read("_headers"))["/*"])[CSP]
    assert "img-src 'self' https://images.example.org;" in served and "object-src 'self'" in served
    assert "img-src 'self' https://images.example.org;" in site.read("en/about/index.html")


def test_a_loosening_is_not_a_content_warning_for_strict(loosened):
    # --strict turns content warnings into errors; a loosening is a decision someone named in the
    # settings, announced every time, not a problem in content to fix before publishing.
    site, settings, _ = loosened
    report = build_site(settings, content=site.content, output=site.output, strict=True)
    assert len(report.warnings) == 2


def test_an_unnamed_loosening_stops_the_build_and_keeps_the_output(loosened):
    site, settings, (img, obj) = loosened
    build_site(settings, content=site.content, output=site.output)
    before = tree_digest(site.output)
    settings.write_text(settings.read_text(encoding="utf-8").replace('    "loosen": ["object-src"],\n', ""),
                        encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_site(settings, content=site.content, output=site.output)
    assert f"pelicanconf.py:{obj}: SECURITY_HEADERS['Content-Security-Policy']['object-src']: allows 'self'" in str(caught.value)
    assert tree_digest(site.output) == before
