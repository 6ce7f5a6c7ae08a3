"""The sign-up form on every page, the privacy pages, the security headers, and no inline code anywhere."""

import re
import sys

import pytest

from bilingual.errors import ContentError
from bilingual.settingsfile import locate
from conftest import ROOT
from privacy.headers import DEFAULTS, checked_headers, header_lines, parse_headers_file, render_headers_file
from privacy.inline import find_inline_code
from privacy.mailing import check_mailing_list

sys.path.insert(0, str(ROOT))  # tasks.py, and publishconf.py's `from pelicanconf import *`
from tasks import CONFIG, nginx_snippet  # noqa: E402

LANGS = ["ar", "en"]
LISTMONK = "https://lists.7amleh.org/subscription/form"
NEWS, PUBLICATIONS = "5b3e3a2c-9d6f-4f43-8a51-1c2e7d9b0a01", "a7c1d8e4-2b6f-4e0a-9c3d-5f8e1b2a4c02"
CONSENT = {"ar": "ما يصلكم: رسائلنا، مرتين في الشهر على الأكثر.", "en": "What you get: our e-mails, at most twice a month."}


def pages(site):
    """The site's pages (not the staff reports under _reports/, which have no footer)."""
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("_reports/"))


def page_lang(text):
    return re.search(r'<html lang="(\w+)"', text).group(1)


def test_no_page_has_inline_scripts_event_handlers_or_style_attributes(sample_site):
    problems = []
    for path in pages(sample_site):
        problems += [f"{path.relative_to(sample_site)}: {what}"
                     for _, what, _ in find_inline_code(path.read_text(encoding="utf-8"))]
    assert problems == []


def test_the_inline_code_finder_catches_what_the_csp_would_block():
    found = find_inline_code('<p style="color:red" onclick="x()">a</p><script>alert(1)</script><style>p{}</style>'
                             '<script type="application/ld+json">{}</script><script src="/theme/js/signup.js" defer>'
                             '</script><svg><rect fill="red" class="bar"/></svg>')
    assert [what for _, what, _ in found] == ["<p style=…>", "<p onclick=…>", "inline <script>", "<style> element"]


def test_every_page_has_the_footer_form_with_consent_in_its_own_language(sample_site):
    checked = 0
    for path in pages(sample_site):
        text = path.read_text(encoding="utf-8")
        lang = page_lang(text)
        other = "en" if lang == "ar" else "ar"
        if "/subscribe/index.html" in path.as_posix():
            assert 'id="fs-e"' not in text  # the page's own form replaces the footer's
            continue
        footer = text[text.index('<footer class="site-footer">'):]
        assert f'<form class="signup" action="{LISTMONK}" method="post"' in footer, path
        assert '<input id="fs-e" type="email" name="email" required' in footer
        assert f'<input type="hidden" name="l" value="{NEWS}">' in footer
        assert f'<input type="hidden" name="l" value="{PUBLICATIONS}">' in footer
        assert 'name="nonce" tabindex="-1" autocomplete="off"' in footer
        assert CONSENT[lang] in footer and CONSENT[other] not in footer
        prefix = "" if lang == "ar" else "en/"
        assert f'<a href="/{prefix}privacy/">' in footer and f'<a href="/{prefix}subscribe/">' in footer
        assert re.search(r'<script src="/theme/js/signup.js\?v=\w+" defer></script>', text)
        checked += 1
    assert checked > 40


@pytest.mark.parametrize("lang, prefix, labels", [("ar", "", ("الأخبار والأنشطة", "الإصدارات الجديدة")),
                                                  ("en", "en/", ("News and activities", "New publications"))])
def test_subscribe_page_offers_name_and_each_list_and_the_thanks_page_exists(sample_site, lang, prefix, labels):
    page = (sample_site / prefix / "subscribe/index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in page
    assert '<h1 id="sp-t">' in page
    assert '<input id="sp-n" name="name" autocomplete="name">' in page
    for uuid, label in zip((NEWS, PUBLICATIONS), labels):
        assert f'<label><input type="checkbox" name="l" value="{uuid}"> {label}</label>' in page
    assert CONSENT[lang] in page
    other = "en/" if lang == "ar" else ""
    assert f'hreflang="{"en" if lang == "ar" else "ar"}" href="https://7amleh.org/{other}subscribe/"' in page
    thanks = (sample_site / prefix / "subscribe/thanks/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in thanks
    assert f'hreflang="{"en" if lang == "ar" else "ar"}" href="https://7amleh.org/{other}subscribe/thanks/"' in thanks
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://7amleh.org/{prefix}subscribe/</loc>" in sitemap
    assert "subscribe/thanks/" not in sitemap  # noindex pages stay out of it
    assert (sample_site / prefix / "privacy/index.html").is_file()


def test_headers_file_carries_the_policy(sample_site):
    text = (sample_site / "_headers").read_text(encoding="utf-8")
    headers = dict(parse_headers_file(text)["/*"])
    csp = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self';", "style-src 'self';", "img-src 'self';",
                      "font-src 'self';", "connect-src 'self';", "form-action 'self' https://lists.7amleh.org;",
                      "frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'"):
        assert directive in csp
    assert "unsafe" not in csp
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    assert not (sample_site / "en/_headers").exists()


def test_committed_nginx_snippet_is_what_the_settings_produce(monkeypatch):
    monkeypatch.chdir(ROOT)
    committed = CONFIG["nginx_headers"].read_text(encoding="utf-8")
    assert committed == nginx_snippet(CONFIG["settings_publish"]), "run `invoke headers` and commit the result"
    assert "add_header Content-Security-Policy \"default-src 'self'; " in committed


# --- the plain modules -------------------------------------------------------------------

LABELS = {"ar": "أ", "en": "A"}
BASE = {"frequency": LABELS, "processor": LABELS}


def test_listmonk_form_contract():
    form = check_mailing_list({**BASE, "url": "https://lists.example.org/", "lists": {
        "news": {"id": NEWS, **LABELS}, "pubs": {"id": PUBLICATIONS, **LABELS}}, "footer_lists": ["pubs"]},
        LANGS, "pelicanconf.py")
    assert (form.provider, form.action, form.origin) == ("listmonk", "https://lists.example.org/subscription/form",
                                                         "https://lists.example.org")
    assert (form.email_field, form.name_field, form.honeypot_field) == ("email", "name", "nonce")
    assert [(c.field, c.value) for c in form.lists] == [("l", NEWS), ("l", PUBLICATIONS)]
    assert [c.code for c in form.footer_lists] == ["pubs"]


def test_mailchimp_form_contract():
    url = "https://us21.list-manage.com/subscribe/post?u=0a1b2c&id=3d4e5f"
    form = check_mailing_list({**BASE, "provider": "mailchimp", "url": url,
                               "lists": {"news": {"id": "group[1234][8]", **LABELS}}}, LANGS, "pelicanconf.py")
    assert (form.action, form.origin) == (url, "https://us21.list-manage.com")
    assert (form.email_field, form.name_field, form.honeypot_field) == ("EMAIL", "FNAME", "b_0a1b2c_3d4e5f")
    assert [(c.field, c.value) for c in form.lists] == [("group[1234][8]", "8")]


@pytest.mark.parametrize("url, ok", [("http://127.0.0.1:8025", True), ("http://localhost:9000", True),
                                     ("http://[::1]:9000", True), ("http://lists.example.org", False),
                                     ("http://127.0.0.1.example.org", False), ("ftp://lists.example.org", False)])
def test_plain_http_is_for_this_machine_only(url, ok):
    setting = {**BASE, "url": url, "lists": {"news": {"id": NEWS, **LABELS}}}
    if ok:
        assert check_mailing_list(setting, LANGS, "pelicanconf.py").origin == url
    else:
        with pytest.raises(ContentError, match="is not an https:// address"):
            check_mailing_list(setting, LANGS, "pelicanconf.py")


def test_form_action_gets_the_list_origin_and_unsafe_sources_are_refused():
    lines = dict(header_lines(checked_headers({}, "pelicanconf.py")[0], "https://lists.example.org"))
    assert "form-action 'self' https://lists.example.org;" in lines["Content-Security-Policy"]
    assert render_headers_file([("A", "1")]) == "/*\n  A: 1\n"
    with pytest.raises(ContentError, match="'unsafe-inline' would let injected code run"):
        checked_headers({"Content-Security-Policy": {**DEFAULTS["Content-Security-Policy"],
                                                     "style-src": ["'self'", "'unsafe-inline'"]}}, "pelicanconf.py")


def test_settings_are_located_through_a_star_import(tmp_path):
    (tmp_path / "base.py").write_text('A = 1\nMAILING_LIST = {\n    "provider": "x",\n    "lists": {"news": {}},\n}\n')
    (tmp_path / "prod.py").write_text("from base import *\nB = 2\n")
    assert locate(tmp_path / "prod.py", "MAILING_LIST", "lists", "news") == ("base.py", 4)
    assert locate(tmp_path / "prod.py", "MAILING_LIST", "url") == ("base.py", 2)
    assert locate(tmp_path / "prod.py", "B") == ("prod.py", 2)
    assert locate(tmp_path / "prod.py", "NOWHERE") == ("prod.py", None)


def test_a_mailchimp_site_posts_mailchimps_fields_and_allows_only_its_host(tiny):
    url = "https://us21.list-manage.com/subscribe/post?u=0a1b2c&id=3d4e5f"
    tiny.write({"pages/about.en.md": "Title: About\n\nText.\n"}).build(MAILING_LIST={
        **BASE, "provider": "mailchimp", "url": url,
        "lists": {"news": {"id": "group[1234][8]", **LABELS}, "pubs": {"id": "group[1234][16]", **LABELS}},
        "footer_lists": ["news"]})
    footer = tiny.read("en/about/index.html")
    assert '<form class="signup" action="https://us21.list-manage.com/subscribe/post?u=0a1b2c&amp;id=3d4e5f"' in footer
    assert 'type="email" name="EMAIL" required' in footer
    assert '<input type="hidden" name="group[1234][8]" value="8">' in footer and "group[1234][16]" not in footer
    assert '<input id="fs-h" name="b_0a1b2c_3d4e5f" tabindex="-1"' in footer
    page = tiny.read("en/subscribe/index.html")
    assert '<input id="sp-n" name="FNAME" autocomplete="name">' in page
    assert '<label><input type="checkbox" name="group[1234][16]" value="16"> A</label>' in page
    assert "form-action 'self' https://us21.list-manage.com;" in tiny.read("_headers")
