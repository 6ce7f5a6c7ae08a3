"""Tasks for the 7amleh site. `make build`, `make test` and `make serve` set up .venv and call these."""

import logging
import os
import shutil
import sys
import time
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONFIG = {
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
    "content": ROOT / "content",
    "output": ROOT / "output",
    "theme": ROOT / "themes" / "base",
    "translations": ROOT / "themes" / "base" / "translations",
    "babel_config": ROOT / "babel.cfg",
    "nginx_headers": ROOT / "docs" / "nginx-security-headers.conf",  # written by `invoke headers`
    "host": "127.0.0.1",
    "port": 8000,
    "fonts": {  # npm package → files vendored into the theme (see package.json for the pinned version)
        "@fontsource/noto-sans-arabic": [
            f"files/noto-sans-arabic-{subset}-{weight}-normal.woff2"
            for subset in ("arabic", "latin") for weight in (400, 700)
        ],
    },
}


def run_build(content=None, output=None, publish=False, debug=False):
    from bilingual.build import build_site
    from bilingual.errors import BuildError

    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s: %(message)s")
    settings = CONFIG["settings_publish" if publish else "settings_base"]
    started = time.perf_counter()
    try:
        report = build_site(settings, content=content or CONFIG["content"], output=output or CONFIG["output"])
    except BuildError as error:
        if debug:
            raise
        raise Exit(str(error), code=1) from None
    pages = sum(1 for _ in report.output.rglob("*.html"))
    print(f"Built {pages} pages in {', '.join(report.languages)} into {report.output} "
          f"in {time.perf_counter() - started:.2f} s")
    return report


@task(help={"content": "content folder (default: content/)", "output": "output folder (default: output/)",
            "publish": "use publishconf.py (absolute URLs)", "debug": "show tracebacks and Pelican's log"})
def build(c, content=None, output=None, publish=False, debug=False):
    """Build the whole site, every language, into output/ (swapped in only if the build succeeds)."""
    run_build(content, output, publish, debug)


@task
def messages(c):
    """Extract theme strings, update the catalog of every language, compile them."""
    sys.path.insert(0, str(ROOT))
    from pelicanconf import LANGUAGES

    pot = CONFIG["translations"] / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    c.run(f"{pybabel} extract --sort-by-file --no-location -F {CONFIG['babel_config']} -k N_ -o {pot} {ROOT}")
    for lang in LANGUAGES:
        po = CONFIG["translations"] / lang / "LC_MESSAGES" / "messages.po"
        verb = "update --ignore-obsolete" if po.exists() else "init"
        c.run(f"{pybabel} {verb} --no-wrap -i {pot} -d {CONFIG['translations']} -l {lang}")
    c.run(f"{pybabel} compile --statistics -d {CONFIG['translations']}")


def nginx_snippet(settings_file):
    """The nginx add_header lines the settings produce (the same headers as output/_headers)."""
    from pelican.settings import read_settings
    from privacy.config import load_privacy
    from privacy.headers import render_nginx

    settings = read_settings(str(settings_file))
    return render_nginx(load_privacy(settings, settings_file).header_lines, Path(settings_file).name)


@task
def headers(c):
    """Write docs/nginx-security-headers.conf from the production settings (SECURITY_HEADERS, MAILING_LIST)."""
    CONFIG["nginx_headers"].write_text(nginx_snippet(CONFIG["settings_publish"]), encoding="utf-8")
    print(f"Wrote {CONFIG['nginx_headers'].relative_to(ROOT)}")


@task
def vendor(c):
    """Copy the pinned fonts from node_modules/ into the theme, with their licences."""
    fonts = CONFIG["theme"] / "static" / "fonts"
    for package, files in CONFIG["fonts"].items():
        source = ROOT / "node_modules" / package
        for name in files:
            shutil.copy2(source / name, fonts / Path(name).name)
        shutil.copy2(source / "LICENSE", fonts / f"LICENSE-{package.rsplit('/', 1)[-1]}.txt")


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=CONFIG["port"]):
    """Build, serve output/ on http://127.0.0.1:8000 and rebuild whenever content or theme change."""
    import functools
    import http.server
    import threading

    from watchfiles import watch

    from privacy.headers import parse_headers_file

    class PreviewHandler(http.server.SimpleHTTPRequestHandler):
        # The live site's headers (output/_headers, re-read as builds replace it): previews enforce the CSP too.
        def end_headers(self):
            headers = CONFIG["output"] / "_headers"
            if headers.exists():
                for name, value in parse_headers_file(headers.read_text(encoding="utf-8")).get("/*", []):
                    self.send_header(name, value)
            super().end_headers()

    run_build()
    handler = functools.partial(PreviewHandler, directory=str(CONFIG["output"]))
    server = http.server.ThreadingHTTPServer((CONFIG["host"], int(port)), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving on http://{CONFIG['host']}:{port}/ — Ctrl+C to stop")
    watched = [CONFIG["content"], ROOT / "themes", ROOT / "plugins", CONFIG["settings_base"]]  # themes: base and overlays
    try:
        for _ in watch(*watched, watch_filter=lambda change, path: not path.endswith(".mo")):
            try:
                run_build()
            except Exit as error:
                print(error.message, file=sys.stderr)
    except KeyboardInterrupt:
        server.shutdown()


@task(help={"slug": "the campaign's address: /campaigns/<slug>/ (lower-case latin letters, digits, hyphens)",
            "content": "content folder (default: content/)"})
def new_campaign(c, slug, content=None):
    """Start a campaign: content/campaigns/SLUG/ with a commented campaign.yaml and a page per language."""
    sys.path.insert(0, str(ROOT))
    from campaigns.scaffold import scaffold
    from pelicanconf import CAMPAIGNS_PATH, LANGUAGES

    try:
        folder = scaffold(content or CONFIG["content"], slug, list(LANGUAGES), CAMPAIGNS_PATH)
    except ValueError as error:
        raise Exit(str(error), code=1) from None
    print(f"Wrote {folder}: fill in campaign.yaml and index.*.md (see docs/campaigns.md), then `make build`")


@task(help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=None):
    """Run the whole test suite, browser tests included."""
    args = ["-k", k] if k else []
    c.run(" ".join([sys.executable, "-m", "pytest", *args]), pty=False)


@task
def golden(c):
    """Rewrite the charts' golden SVG files from the current code; review the diff before committing."""
    c.run(f"{sys.executable} -m pytest -q tests/test_charts_svg.py", env={"UPDATE_GOLDEN": "1"}, pty=False)


@task(help={"items": "items per language in the generated corpus (default 1000)", "rounds": "alternating runs",
            "datasets": "violation datasets (4 charts each) in a third, charted build (default 50; 0 skips it)",
            "campaigns": "campaigns of 10 pages per language in a fourth build (default 10; 0 skips it)"})
def bench(c, items=1000, rounds=3, datasets=50, campaigns=10):
    """Time our full build against stock Pelican on a generated bilingual corpus; print the table."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import bench as run_bench

    run_bench(int(items), int(rounds), int(datasets), campaigns=int(campaigns))
