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
    "host": "127.0.0.1",
    "port": 8000,
    "fonts": {  # npm package → files vendored into the theme (see package.json for the pinned version)
        "@fontsource/noto-sans-arabic": [
            f"files/noto-sans-arabic-{subset}-{weight}-normal.woff2"
            for subset in ("arabic", "latin") for weight in (400, 700)
        ],
    },
    "scripts": {  # npm package → (file, name in the theme); the version is the one lunr.py 0.8.0 targets
        "lunr": ("lunr.min.js", "lunr-2.3.9.min.js"),
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


@task
def vendor(c):
    """Copy the pinned fonts and lunr.js from node_modules/ into the theme, with their licences."""
    fonts = CONFIG["theme"] / "static" / "fonts"
    for package, files in CONFIG["fonts"].items():
        source = ROOT / "node_modules" / package
        for name in files:
            shutil.copy2(source / name, fonts / Path(name).name)
        shutil.copy2(source / "LICENSE", fonts / f"LICENSE-{package.rsplit('/', 1)[-1]}.txt")
    scripts = CONFIG["theme"] / "static" / "js" / "vendor"
    for package, (name, target) in CONFIG["scripts"].items():
        shutil.copy2(ROOT / "node_modules" / package / name, scripts / target)
        shutil.copy2(ROOT / "node_modules" / package / "LICENSE", scripts / f"LICENSE-{package}.txt")


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=CONFIG["port"]):
    """Build, serve output/ on http://127.0.0.1:8000 and rebuild whenever content or theme change."""
    import functools
    import http.server
    import threading

    from watchfiles import watch

    run_build()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(CONFIG["output"]))
    server = http.server.ThreadingHTTPServer((CONFIG["host"], int(port)), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving on http://{CONFIG['host']}:{port}/ — Ctrl+C to stop")
    watched = [CONFIG["content"], CONFIG["theme"], ROOT / "plugins", CONFIG["settings_base"]]
    try:
        for _ in watch(*watched, watch_filter=lambda change, path: not path.endswith(".mo")):
            try:
                run_build()
            except Exit as error:
                print(error.message, file=sys.stderr)
    except KeyboardInterrupt:
        server.shutdown()


@task(help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=None):
    """Run the whole test suite, browser tests included."""
    args = ["-k", k] if k else []
    c.run(" ".join([sys.executable, "-m", "pytest", *args]), pty=False)


@task(help={"items": "items per language in the generated corpus (default 1000; 2000 with --search)",
            "rounds": "alternating runs", "search": "compare our search with Pagefind instead (Chromium)"})
def bench(c, items=None, rounds=3, search=False):
    """Time our full build against stock Pelican on a generated bilingual corpus; print the table."""
    sys.path.insert(0, str(ROOT))
    if search:
        from benchmarks.search import bench as search_bench

        return search_bench(int(items or 2000))
    from benchmarks.run import bench as run_bench

    run_bench(int(items or 1000), int(rounds))
