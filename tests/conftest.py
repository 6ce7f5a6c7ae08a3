"""Shared fixtures: tiny sites built into tmp_path, the sample site, a local server, Chromium."""

import contextlib
import functools
import hashlib
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
# The tests read the build's messages in English (the language they are written in), here and in
# every `invoke` they start; the tests of the Arabic messages choose Arabic themselves.
os.environ["SITE_MESSAGES"] = "en"

from bilingual.build import build_site  # noqa: E402

SETTINGS = ROOT / "pelicanconf.py"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

VOCABULARIES = {
    "data/authors.yaml": "7amleh:\n  ar: حملة\n  en: 7amleh\n  kind: organization\n",
    "data/topics.yaml": "privacy:\n  ar: الخصوصية\n  en: Privacy\n",
}


class TinySite:
    """A content folder written from a dict, built through the real pipeline."""

    def __init__(self, root):
        self.root = Path(root)
        self.content = self.root / "content"
        self.output = self.root / "output"
        self.write(VOCABULARIES)

    def write(self, files):
        for rel, text in files.items():
            path = self.content / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return self

    def build(self, strict=False, **overrides):
        report = build_site(SETTINGS, content=self.content, output=self.output, overrides=overrides, strict=strict)
        assert report.warnings == [], report.warnings
        return report

    def read(self, rel):
        return (self.output / rel).read_text(encoding="utf-8")


@pytest.fixture
def tiny(tmp_path):
    return TinySite(tmp_path)


def tree_digest(folder):
    """{relative path: sha256} of every file below folder."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The repository's own content, built once for the whole session — with --strict, as staff are told to
    build before an important publication: the sample has no warning (its Arabic-only guide says so on purpose)."""
    output = tmp_path_factory.mktemp("sample") / "output"
    report = build_site(SETTINGS, content=ROOT / "content", output=output, strict=True)
    assert report.warnings == [], report.warnings
    return output


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers = ()  # (name, value) sent with every response

    def log_message(self, *args):
        pass

    def end_headers(self):
        for name, value in self.extra_headers:
            self.send_header(name, value)
        super().end_headers()


@contextlib.contextmanager
def serve(folder, headers=()):
    """Serve a built site on http://127.0.0.1:<free port>/ for the duration of the block.

    `headers` go with every response: pass the site's own `_headers` to have the browser enforce its CSP.
    """
    handler_class = type("Handler", (QuietHandler,), {"extra_headers": tuple(headers)})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_site(sample_site):
    """The sample site, served."""
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing Chromium is a failure, never a skip."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed: run .ci/run or apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, served_site):
    """Open a page; returns (page, list of every URL it requested)."""
    contexts = []

    def open_page(path, width=1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{served_site}/{path}", wait_until="networkidle")
        return page, requests

    yield open_page
    for context in contexts:
        context.close()


def axe_violations(page):
    """axe-core's violations on the open page, as [id, help, number of nodes].

    Every page carries its Content-Security-Policy in a <meta> tag, which refuses an inline
    <script> (page.add_script_tag); code evaluated through DevTools is not the page's, so the
    policy stays on while axe looks at the page.
    """
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    return page.evaluate("async () => (await axe.run(document)).violations.map(v => [v.id, v.help, v.nodes.length])")
