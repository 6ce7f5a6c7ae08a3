"""Every page carries the Content-Security-Policy as <meta http-equiv>, first in <head>, for hosts
that forget the headers: the header's policy less what only a header can carry (issue 14)."""

import html
import http.server
import re
import threading
from contextlib import contextmanager

import pytest

from conftest import serve
from privacy.headers import META_IGNORED, parse_headers_file

META = re.compile(r'^<!DOCTYPE html>\s*<html [^>]*>\s*<head>\s*<meta charset="utf-8">\s*'
                  r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.IGNORECASE)


def directives(policy):
    """{directive: sources} of a policy's text."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def header_policy(site):
    return dict(parse_headers_file((site / "_headers").read_text(encoding="utf-8"))["/*"])["Content-Security-Policy"]


def meta_policy(text):
    match = META.match(text)
    return html.unescape(match.group(1)) if match else None


def test_every_page_carries_the_policy_first_in_head(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    kinds = {p.relative_to(sample_site).as_posix() for p in pages}
    # pages not all made the same way: the staff report (written by sitecheck), campaigns, 404, sign-up pages
    for rel in ("_reports/translations/index.html", "404.html", "en/404.html", "subscribe/index.html",
                "en/subscribe/thanks/index.html", "campaigns/index.html", "en/search/index.html", "data/index.html"):
        assert rel in kinds, rel
    assert any(rel.startswith("campaigns/") and rel.count("/") > 2 for rel in kinds)
    header = directives(header_policy(sample_site))
    missing = []
    for page in pages:
        policy = meta_policy(page.read_text(encoding="utf-8"))
        if policy is None:
            missing.append(page.relative_to(sample_site).as_posix())
            continue
        assert directives(policy) == {name: sources for name, sources in header.items() if name not in META_IGNORED}
    assert missing == []


def test_the_header_and_the_meta_policy_agree_but_on_what_a_meta_cannot_carry(sample_site):
    header = directives(header_policy(sample_site))
    meta = directives(meta_policy((sample_site / "en/about/index.html").read_text(encoding="utf-8")))
    assert "frame-ancestors" in header and "frame-ancestors" not in meta
    for name in sorted(set(header) | set(meta)):
        if name in META_IGNORED:
            assert name not in meta
        else:
            assert meta.get(name) == header.get(name), name
    assert list(meta) == [name for name in header if name not in META_IGNORED]  # same order, same text


@contextmanager
def another_host():
    """A server on 127.0.0.2 — this machine, another origin — that keeps the path of every request it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.2:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


RECORD = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""


@pytest.mark.browser
def test_without_headers_the_meta_policy_still_blocks_inline_script_and_other_hosts(browser, tiny):
    tiny.write({"pages/about.en.md": "Title: About\nSummary: Who we are.\n\nText.\n"}).build()
    page_file = tiny.output / "en/about/index.html"
    built = page_file.read_text(encoding="utf-8")
    assert meta_policy(built) is not None
    context = browser.new_context()
    context.add_init_script(RECORD)
    try:
        with another_host() as (elsewhere, hits), serve(tiny.output) as origin:  # no headers: a host that forgot them
            # What the build never lets through (content is sanitised), planted after the build: an
            # inline script and an image from another host.
            planted = (f'<script>window.__ran = true;</script>'
                       f'<img src="{elsewhere}/planted.png" alt="planted" width="1" height="1">')
            page_file.write_text(built.replace("</main>", planted + "</main>"), encoding="utf-8")
            bare = tiny.output / "en/no-policy/index.html"  # the same page without its meta: the plants work
            bare.parent.mkdir(parents=True)
            bare.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                                   page_file.read_text(encoding="utf-8")), encoding="utf-8")
            results = {}
            for path in ("en/about/", "en/no-policy/"):
                page = context.new_page()
                sent, console = [], []
                page.on("requestfinished", lambda request, sent=sent: sent.append(request.url))
                page.on("console", lambda message, console=console: console.append(message.text))
                response = page.goto(f"{origin}/{path}", wait_until="networkidle")
                assert "content-security-policy" not in response.headers
                results[path] = (page.evaluate("window.__ran === true"), page.evaluate("window.__csp"), sent,
                                 console, list(hits))
                hits.clear()
    finally:
        context.close()
    ran, violations, sent, console, arrived = results["en/about/"]
    assert not ran, "the inline script ran under the meta policy"
    assert arrived == [] and [url for url in sent if not url.startswith(origin + "/")] == [], sent
    assert any(v.startswith("script-src-elem inline") for v in violations), violations
    assert f"img-src {elsewhere}/planted.png" in violations, violations
    assert any("Content Security Policy" in line for line in console), console
    # the meta is what blocked them: without it the script runs and the request reaches the other host
    ran, violations, sent, _, arrived = results["en/no-policy/"]
    assert ran and violations == [] and arrived == ["/planted.png"] and f"{elsewhere}/planted.png" in sent


@pytest.mark.browser
def test_chromium_accepts_the_meta_policy_without_a_word(browser, sample_site):
    # frame-ancestors, report-uri, report-to and sandbox in a <meta> policy make Chromium print
    # "… is ignored when delivered via a <meta> element": the meta policy leaves them out.
    context = browser.new_context()
    context.add_init_script(RECORD)
    try:
        with serve(sample_site) as origin:
            for path in ("", "en/about/", "campaigns/", "en/search/?q=report", "_reports/translations/", "en/data/"):
                page = context.new_page()
                console = []
                page.on("console", lambda message, console=console: console.append(message.text))
                page.goto(f"{origin}/{path}", wait_until="networkidle")
                assert page.evaluate("window.__csp") == [], path
                assert [line for line in console if "Content Security Policy" in line or "Refused" in line] == [], path
                page.close()
    finally:
        context.close()
