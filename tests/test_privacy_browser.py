"""In Chromium: the sign-up form posts listmonk's contract with and without JavaScript, and every
page of the built site, under its own Content-Security-Policy, requests nothing from another host."""

import http.server
import runpy
import threading
import time
import urllib.parse
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from conftest import ROOT, TinySite, axe_violations, serve
from privacy.headers import parse_headers_file

pytestmark = pytest.mark.browser

NEWS, PUBLICATIONS = "5b3e3a2c-9d6f-4f43-8a51-1c2e7d9b0a01", "a7c1d8e4-2b6f-4e0a-9c3d-5f8e1b2a4c02"
CONTENT = {
    "pages/about.ar.md": "Title: عن حملة\n\nنص.\n",
    "pages/about.en.md": "Title: About\n\nText.\n",
    "pages/privacy.ar.md": "Title: سياسة الخصوصية\n\nنص.\n",
    "pages/privacy.en.md": "Title: Privacy policy\n\nText.\n",
}
MESSAGES = {"ar": ("اكتبوا عنوان بريدكم الإلكتروني كاملًا، مثل name@example.org", "اختاروا قائمة واحدة على الأقل."),
            "en": ("Write your e-mail address, like name@example.org.", "Choose at least one list.")}
CONSENT = {"ar": "ما يصلكم: رسائلنا", "en": "What you get: our e-mails"}


class FakeListmonk(http.server.BaseHTTPRequestHandler):
    """listmonk's public form contract (cmd/public.go, handleSubscriptionForm), and a record of what came in."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        fields = urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
        self.server.received.append((self.path, fields))
        values = dict(fields)
        lists = [v for k, v in fields if k == "l"]
        if values.get("nonce"):  # a bot filled the honeypot: listmonk subscribes no one
            status, text = 200, "Error: invalid feature"
        elif not lists:
            status, text = 400, "Error: no lists selected"
        else:
            self.server.subscribed.append((values.get("email"), values.get("name"), lists))
            status, text = 200, "Subscribed: check your inbox"
        body = f"<!DOCTYPE html><title>listmonk</title><p id=result>{text}</p>".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def listmonk():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeListmonk)
    server.received, server.subscribed = [], []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def site_headers(output):
    return parse_headers_file((output / "_headers").read_text(encoding="utf-8"))["/*"]


@pytest.fixture(scope="module")
def signup_site(tmp_path_factory, listmonk):
    """A tiny site whose form posts to the fake listmonk, served with its own _headers (CSP enforced)."""
    setting = runpy.run_path(str(ROOT / "pelicanconf.py"))["MAILING_LIST"]
    site = TinySite(tmp_path_factory.mktemp("signup")).write(CONTENT)
    site.build(MAILING_LIST={**setting, "url": listmonk.url})
    with serve(site.output, site_headers(site.output)) as url:
        yield url


@pytest.fixture
def open_page(browser):
    contexts = []

    def opener(url, javascript=True):
        context = browser.new_context(java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def fresh(listmonk):
    listmonk.received.clear()
    listmonk.subscribed.clear()
    return listmonk


def submit_and_wait(page, listmonk):
    with page.expect_navigation(url=f"{listmonk.url}/subscription/form"):
        page.locator("form.signup button").click()
    return page.locator("#result").inner_text()


def nothing_sent(page, listmonk, url):
    time.sleep(0.3)  # long enough for a POST to this machine to arrive, had one been sent
    assert listmonk.received == []
    assert page.url == url


@pytest.mark.parametrize("lang, prefix", [("ar", ""), ("en", "en/")])
def test_subscribe_page_with_javascript_checks_inline_then_posts_listmonk_fields(open_page, signup_site, fresh,
                                                                                 lang, prefix):
    url = f"{signup_site}/{prefix}subscribe/"
    page = open_page(url)
    status = page.locator("#sp-s")
    assert CONSENT[lang] in page.locator("form.signup").inner_text()

    page.fill("#sp-e", "not-an-address")
    page.locator("form.signup button").click()
    expect(status).to_have_text(MESSAGES[lang][0])
    assert page.get_attribute("#sp-e", "aria-invalid") == "true"
    assert page.get_attribute("#sp-e", "aria-describedby") == "sp-s sp-c"  # the message, then the consent
    assert page.evaluate("document.activeElement.id") == "sp-e"
    nothing_sent(page, fresh, url)

    page.fill("#sp-e", "  reader@example.org ")
    page.fill("#sp-n", "Reader")
    page.locator("form.signup button").click()
    expect(status).to_have_text(MESSAGES[lang][1])
    assert page.get_attribute("#sp-e", "aria-invalid") is None
    assert page.get_attribute("#sp-e", "aria-describedby") == "sp-c"
    nothing_sent(page, fresh, url)

    page.locator(f'input[value="{NEWS}"]').check()
    page.locator(f'input[value="{PUBLICATIONS}"]').check()
    assert submit_and_wait(page, fresh) == "Subscribed: check your inbox"
    assert fresh.received == [("/subscription/form", [("email", "reader@example.org"), ("name", "Reader"),
                                                      ("l", NEWS), ("l", PUBLICATIONS), ("nonce", "")])]
    assert fresh.subscribed == [("reader@example.org", "Reader", [NEWS, PUBLICATIONS])]


def test_footer_form_with_javascript_subscribes_to_the_footer_lists(open_page, signup_site, fresh):
    page = open_page(f"{signup_site}/en/about/")
    page.fill("#fs-e", "reader@example.org")
    assert submit_and_wait(page, fresh) == "Subscribed: check your inbox"
    assert fresh.received == [("/subscription/form", [("email", "reader@example.org"), ("l", NEWS),
                                                      ("l", PUBLICATIONS), ("nonce", "")])]


@pytest.mark.parametrize("lang, prefix", [("ar", ""), ("en", "en/")])
def test_without_javascript_the_form_is_a_plain_post(open_page, signup_site, fresh, lang, prefix):
    page = open_page(f"{signup_site}/{prefix}subscribe/", javascript=False)
    assert page.evaluate("1") == 1  # Playwright still evaluates; the page's own scripts do not run
    assert page.get_attribute("form.signup", "novalidate") is None
    page.fill("#sp-e", "reader@example.org")
    page.locator(f'input[value="{PUBLICATIONS}"]').check()
    assert submit_and_wait(page, fresh) == "Subscribed: check your inbox"
    assert fresh.received == [("/subscription/form", [("email", "reader@example.org"), ("name", ""),
                                                      ("l", PUBLICATIONS), ("nonce", "")])]


def test_a_filled_honeypot_sends_nothing_with_javascript(open_page, signup_site, fresh):
    url = f"{signup_site}/about/"
    page = open_page(url)
    page.fill("#fs-e", "bot@example.org")
    page.locator("#fs-h").evaluate("el => { el.value = 'http://spam.example' }")  # what a bot does
    page.locator("form.signup button").click()
    nothing_sent(page, fresh, url)


def test_a_filled_honeypot_without_javascript_subscribes_no_one(open_page, signup_site, fresh):
    page = open_page(f"{signup_site}/about/", javascript=False)
    page.fill("#fs-e", "bot@example.org")
    page.locator("#fs-h").evaluate("el => { el.value = 'http://spam.example' }")
    assert submit_and_wait(page, fresh) == "Error: invalid feature"
    assert dict(fresh.received[0][1])["nonce"] == "http://spam.example"
    assert fresh.subscribed == []


def test_honeypot_is_out_of_sight_and_out_of_the_tab_order(open_page, signup_site):
    page = open_page(f"{signup_site}/en/about/")
    box = page.locator("#fs-h").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0 or box["x"] >= page.viewport_size["width"]
    page.focus("#fs-e")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "fs-h"


@pytest.mark.parametrize("path", ["subscribe/", "en/subscribe/", "subscribe/thanks/", "en/subscribe/thanks/",
                                  "privacy/", "en/privacy/"])
def test_signup_and_privacy_pages_have_no_accessibility_violations(open_page, served_site, path):
    page = open_page(f"{served_site}/{path}")
    assert axe_violations(page) == []


# --- every page, under the site's own headers --------------------------------------------------

@contextmanager
def auditor(browser, origin):
    """Opens pages that record CSP violations (event and console) and abort requests to any other host."""
    context = browser.new_context()
    context.add_init_script("""window.__csp = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));""")

    def new_page():
        page = context.new_page()
        page.record = {"foreign": [], "console": []}

        def route(route):
            if route.request.url.startswith(origin + "/"):
                route.continue_()
            else:
                page.record["foreign"].append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.on("console", lambda m: page.record["console"].append(m.text)
                if "Content Security Policy" in m.text or "Refused to" in m.text else None)
        return page

    try:
        yield new_page
    finally:
        context.close()


def visit_all(pages, urls):
    """Load urls in the pages side by side; for each: (response, CSP violations, console errors, foreign requests)."""
    responses = []
    for page, url in zip(pages, urls):
        page.record["foreign"].clear()
        page.record["console"].clear()
        responses.append(page.goto(url, wait_until="commit"))
    results = []
    for page, response in zip(pages, responses):
        page.wait_for_load_state("networkidle")  # late requests too: fonts, fetches of search shards
        results.append((response, page.evaluate("window.__csp"), list(page.record["console"]),
                        list(page.record["foreign"])))
    return results


def test_every_page_of_the_site_requests_nothing_elsewhere_and_breaks_no_csp(browser, sample_site):
    html = sorted(p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html"))
    assert any(p.startswith("en/") for p in html) and any(not p.startswith("en/") for p in html)
    headers = site_headers(sample_site)
    problems = []
    with serve(sample_site, headers) as origin, auditor(browser, origin) as new_page:
        pages = [new_page() for _ in range(8)]
        for start in range(0, len(html), len(pages)):
            batch = html[start:start + len(pages)]
            urls = [f"{origin}/{rel.removesuffix('index.html')}" for rel in batch]
            for rel, (response, csp, console, foreign) in zip(batch, visit_all(pages, urls)):
                assert response.headers["content-security-policy"] == dict(headers)["Content-Security-Policy"]
                problems += [f"{rel}: {what}" for what in csp + console + foreign]
    assert problems == []
    assert len(html) > 40


def test_the_audit_sees_csp_violations_and_foreign_requests(browser, tiny):
    # What the audit above must catch, planted in a built page (the build itself refuses such content).
    tiny.build()
    page_file = tiny.output / "en/about-planted/index.html"
    page_file.parent.mkdir(parents=True)
    page_file.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p style="color: red">Red</p>'
                         '<img src="https://images.example.org/pixel.png" alt="x">', encoding="utf-8")
    with serve(tiny.output, site_headers(tiny.output)) as origin, auditor(browser, origin) as new_page:
        [(_, csp, console, foreign)] = visit_all([new_page()], [f"{origin}/en/about-planted/"])
        assert any(v.startswith("style-src-attr") for v in csp), csp
        assert any(v.startswith("img-src https://images.example.org") for v in csp), csp
        assert console
    with serve(tiny.output) as origin, auditor(browser, origin) as new_page:  # no CSP: the request goes out
        [(_, csp, _, foreign)] = visit_all([new_page()], [f"{origin}/en/about-planted/"])
        assert csp == [] and foreign == ["https://images.example.org/pixel.png"]
