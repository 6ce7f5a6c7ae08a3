"""The preview server of `invoke serve`: output/ with the live site's headers, plus live reload.

Live reload without a third-party script: every HTML response gets one same-origin script,
/_dev/reload.js, tagged with the number of the build it came from; the script listens to
/_dev/events (Server-Sent Events) and reloads the page when a newer build is in place — or a first
look at a save, which this server shows over output/ until the build (saveloop.py) —, or shows
why a build stopped — in the page's language and direction, each message linked to its entry in
the message reference, which this server shows at /_dev/guide/ with the other guides in docs/.
Only this server adds the script — output/ never contains it — and the site's own CSP allows it.
"""

import html
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import markdown
from invoke import Exit
from bilingual.errors import BuildError, ContentError
from messages import LANGUAGES, anchor, current, render, t
from privacy.headers import parse_headers_file

SCRIPT = Path(__file__).with_name("reload.js")
GUIDE_CSS = Path(__file__).with_name("guide.css")
DOCS = Path(__file__).resolve().parent.parent / "docs"
SCRIPT_URL, EVENTS_URL, GUIDE_URL = "/_dev/reload.js", "/_dev/events", "/_dev/guide/"
KEEPALIVE = 15  # seconds between comments on an idle event stream, so dead connections are noticed


def git_refs(folder):
    """What a commit or a checkout changes in the git repository holding `folder`: its refs/, HEAD, and
    HEAD's log (appended in place: HEAD itself is replaced, so a watch on it sees one change only).
    Not objects/. [] outside git.

    `invoke serve` watches them: which translation is stale comes from `git log`, and a commit
    changes no file of the site.
    """
    try:
        lines = subprocess.run(["git", "rev-parse", "--git-dir", "--git-common-dir"], cwd=folder,
                               capture_output=True, text=True, check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return []
    git_dir, common = (Path(folder) / line for line in lines[:2])  # relative to `folder`, or absolute
    found = [git_dir / "HEAD", git_dir / "logs", common / "refs"]
    return sorted({path.resolve() for path in found if path.exists()})


class Builds:
    """The number of the latest build in place, why the last build stopped (if it did), and the first look at
    a save shown over output/ until a build that includes the save is in place (saveloop.py, previewer.py)."""

    def __init__(self):
        self._changed = threading.Condition()
        self.number = 0
        self.problem = None
        self._look = None  # (folder, files, save number) of the first look shown

    def previewed(self, folder, save, files):
        """Save number `save`'s pages are in `folder`: it is shown over output/, and open pages reload."""
        with self._changed:
            self.number, self._look = self.number + 1, (folder, files, save)
            self._changed.notify_all()

    @property
    def preview(self):
        """The folder of the first look shown over output/, or None."""
        look = self._look  # (one read: the builder may drop it meanwhile)
        return look[0] if look is not None else None

    def shown_look(self):
        with self._changed:
            return self._look

    def _drop_look(self, upto):
        """Stop showing the first look if its save is `upto` or earlier (None: any); was one dropped?"""
        if self._look is None or (upto is not None and self._look[2] > upto):
            return False
        self._look = None
        return True

    def finished(self, reload=True, upto=None):
        """A build that includes save `upto` (None: every save) is in place: its first looks are no longer
        shown. `reload=False`: open pages show it already — unless they show a problem, which goes."""
        with self._changed:
            if reload or self.problem is not None:
                self.number += 1
            self.problem = None
            self._drop_look(upto)
            self._changed.notify_all()

    def stopped(self, report, upto=None):
        """A build failed: output/ still holds the last good one; open pages are told why (stopped_report()).
        Pages showing a first look of a save it included go back to the last good build, and say why there."""
        with self._changed:
            if self._drop_look(upto):
                self.number += 1
            self.problem = report
            self._changed.notify_all()

    def wait_past(self, seen, timeout):
        """(number, problem) as soon as it differs from `seen` (or after `timeout` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: (self.number, self.problem) != seen, timeout)
            return self.number, self.problem


def built(build, builds, search_later=False, upto=None):
    """One build (`build(search_later=…)`, which raises invoke's Exit when it stops): its report, or None
    once the open pages have been told why it stopped (`upto`: the last save it included)."""
    try:
        return build(search_later=search_later)
    except Exit as error:
        print(error.message, file=sys.stderr, flush=True)
        # open pages show it over the last good build (or over a waiting page), in their language
        builds.stopped(stopped_report(getattr(error, "build_error", error.message)), upto)
        return None


def inject(page, number):
    """The page with the reload script just before </body> (or at the end)."""
    tag = f'<script src="{SCRIPT_URL}" data-build="{number}" defer></script>'.encode()
    at = page.rfind(b"</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


def stopped_report(error):
    """Why a build stopped, for the open pages: per language, an intro and each problem with its reference link.

    `error` is a BuildError (each problem linked to docs/messages.<lang>.md) or plain text (an unexpected error).
    """
    problems = error.problems if isinstance(error, BuildError) else [error]
    report = {}
    for lang in LANGUAGES:
        shown = []
        for problem in problems:
            text = problem.describe(lang) if isinstance(problem, ContentError) else render(problem, lang)
            found = anchor(problem.message) if isinstance(problem, ContentError) else None
            shown.append({"text": text, "link": f"{GUIDE_URL}messages.{lang}#{found}" if found else None})
        report[lang] = {
            "dir": "rtl" if lang == "ar" else "ltr",
            "intro": render(t("This page is the last good build. The new one stopped:"), lang),
            "explain": render(t("What to do"), lang),
            "problems": shown,
        }
    return report


def waiting_page():
    """What a page of a site with no good build yet shows (the reload script adds why the build stopped)."""
    lang = current()
    title = render(t("No page yet: the build stopped before the site was built. Fix the file, save, and this page "
                     "reloads."), lang)
    return (f'<!doctype html>\n<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"><head><meta charset="utf-8">'
            f'<title>{html.escape(title)}</title></head><body><main><h1>{html.escape(title)}</h1></main></body></html>\n')


def guide_page(name):
    """docs/<name>.md as a page of this server (links between the guides kept), or None if there is none."""
    if not re.fullmatch(r"[a-z0-9-]+(\.[a-z]{2})?", name) or not (DOCS / f"{name}.md").is_file():
        return None
    body = markdown.markdown((DOCS / f"{name}.md").read_text(encoding="utf-8"), extensions=["tables", "fenced_code"])
    body = re.sub(r'href="([a-z0-9.-]+)\.md(#[^"]*)?"', lambda m: f'href="{GUIDE_URL}{m[1]}{m[2] or ""}"', body)
    lang = name.rsplit(".", 1)[1] if "." in name else "en"
    direction = "rtl" if lang == "ar" else "ltr"
    return (f'<!doctype html>\n<html lang="{html.escape(lang)}" dir="{direction}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(name)}</title>'
            f'<link rel="stylesheet" href="{GUIDE_URL}guide.css"></head><body><main>{body}</main></body></html>\n')


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    builds = None  # Builds, set by make_server
    output = None  # the output folder (re-read on every request: builds swap it)

    def log_message(self, *args):
        pass  # the terminal is for build messages

    def end_headers(self):
        # The live site's headers (output/_headers, re-read as builds replace it): previews enforce the CSP too.
        headers = Path(self.output) / "_headers"
        if headers.exists():
            for name, value in parse_headers_file(headers.read_text(encoding="utf-8")).get("/*", []):
                self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")  # a preview is always the latest build
        super().end_headers()

    def translate_path(self, path):
        """The file in output/, or in the first look at a save while one is shown (Builds.preview)."""
        found = super().translate_path(path)
        preview = self.builds.preview
        if preview is not None:
            over = os.path.join(preview, os.path.relpath(found, self.directory))
            if os.path.isfile(over) or os.path.isfile(os.path.join(over, "index.html")):
                return over
        return found

    def do_GET(self):
        route = self.path.split("?", 1)[0]
        if route == SCRIPT_URL:
            return self.send_bytes(SCRIPT.read_bytes(), "text/javascript; charset=utf-8")
        if route == EVENTS_URL:
            return self.stream_builds()
        if route == f"{GUIDE_URL}guide.css":
            return self.send_bytes(GUIDE_CSS.read_bytes(), "text/css; charset=utf-8")
        if route.startswith(GUIDE_URL):
            page = guide_page(route[len(GUIDE_URL):])
            if page is None:
                return self.send_error(404)
            return self.send_bytes(page.encode(), "text/html; charset=utf-8")
        path = self.translate_path(self.path)
        if os.path.isdir(path) and route.endswith("/"):
            path = os.path.join(path, "index.html")
        if path.endswith(".html") and os.path.isfile(path):
            with open(path, "rb") as page:
                return self.send_bytes(inject(page.read(), self.builds.number), "text/html; charset=utf-8")
        if self.builds.problem is not None and not os.path.exists(path) and route.endswith(("/", ".html")):
            # no good build to show yet: a page that shows why, and reloads once a build succeeds
            return self.send_bytes(inject(waiting_page().encode(), self.builds.number), "text/html; charset=utf-8", 503)
        return super().do_GET()

    def send_bytes(self, body, content_type, status=200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream_builds(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            while True:
                state = self.builds.wait_past(seen, KEEPALIVE)
                number, problem = state
                if state == seen:
                    event = ": waiting\n\n"
                elif problem is not None and (seen is None or seen[0] == number):
                    event = f"event: problem\ndata: {json.dumps(problem)}\n\n"  # the message, JSON-encoded
                else:  # a newer build, or a first look: the page reloads (and hears of any problem then)
                    event = f"data: {number}\n\n"
                self.wfile.write(event.encode())
                self.wfile.flush()
                seen = state
        except (BrokenPipeError, ConnectionResetError):
            return


def make_server(host, port, output, builds):
    """A threading HTTP server for output/ (port 0: any free port; see server.server_address)."""
    handler = type("Handler", (PreviewHandler,), {"builds": builds, "output": str(output)})

    def factory(*args, **kwargs):
        return handler(*args, directory=str(output), **kwargs)

    server = http.server.ThreadingHTTPServer((host, int(port)), factory)
    server.daemon_threads = True  # open event streams must not keep `invoke serve` from stopping
    return server
