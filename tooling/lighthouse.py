"""`invoke lighthouse`: Lighthouse (npm `lighthouse`, pinned in package.json) on a built site.

The site is served by tooling/siteserver.py the way production serves it (compressed, with the
site's own security headers and Cache-Control), and each page is audited by the Lighthouse CLI in
Debian's Chromium with Lighthouse's defaults: mobile form factor, simulated throttling (a slow 4G
phone), so scores depend little on how busy this machine is. Nothing leaves 127.0.0.1: error
reporting is off, Chromium's background networking is disabled and it resolves no other host.
"""

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}  # issue #8
# Chromium still looked up its update and account hosts despite --disable-background-networking
# (seen with strace); the resolver rule answers every name but 127.0.0.1 with "not found", so no
# request can leave this machine, and a page that asked for another host would log an error
# (best practices < 100). Quoted: Lighthouse splits --chrome-flags on spaces outside quotes.
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"']
# Screenshots are base64 images in every report and are not scored: not worth taking.
SKIPPED = ["screenshot-thumbnails", "final-screenshot"]
# The pages of issue #8, by name; a `{query}` is the language's search query (SEARCH_QUERIES).
PAGES = {
    "home": "",
    "listing": "publications/",
    "publication": "publications/annual-report-2022/",
    "search": "search/?q={query}",
    "data": "data/",
    "campaign": "campaigns/stop-digital-discrimination/",
}
SEARCH_QUERIES = {"ar": "الخصوصية", "en": "privacy"}  # words the sample content has, so results render
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "total-byte-weight")


class LighthouseError(Exception):
    pass


@dataclass
class Result:
    """One page in one language: its scores (0–100), key metrics and the audits that cost points."""

    name: str
    lang: str
    path: str
    scores: dict
    metrics: dict
    failing: list = field(default_factory=list)  # [(category, audit id, title, display value)]

    def missed(self):
        return [category for category in CATEGORIES if self.scores[category] < TARGETS[category]]


def page_paths(names, languages, main_lang):
    """[(name, lang, path below the root)] for each page name (or path with a "/") in each language."""
    pages = []
    for name in names:
        template = PAGES.get(name, name if "/" in name or name == "" else None)
        if template is None:
            raise LighthouseError(f"unknown page {name!r}: use one of {', '.join(PAGES)} or a path ending in /")
        for lang in languages:
            prefix = "" if lang == main_lang else f"{lang}/"
            query = quote(SEARCH_QUERIES.get(lang, SEARCH_QUERIES["en"]))
            pages.append((name, lang, prefix + template.lstrip("/").format(query=query)))
    return pages


def missing_pages(site, pages):
    """The paths of `pages` that the built site does not have (Lighthouse would score a 404 page)."""
    site = Path(site)
    return [path for _, _, path in pages if not (site / path.split("?", 1)[0] / "index.html").is_file()]


def run_lighthouse(url, report_path, scratch):
    """Audit one URL with the pinned CLI; returns the parsed JSON report."""
    chromium = shutil.which("chromium")
    if not chromium:
        raise LighthouseError("Debian's chromium is not installed: run .ci/run or apt-get install chromium")
    if not LIGHTHOUSE.exists():
        raise LighthouseError("lighthouse is not installed: run `npm ci`")
    command = [str(LIGHTHOUSE), url, "--quiet", "--no-enable-error-reporting", "--output=json",
               f"--output-path={report_path}", f"--only-categories={','.join(CATEGORIES)}",
               "--disable-full-page-screenshot", f"--skip-audits={','.join(SKIPPED)}",
               f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    # TMPDIR: chrome-launcher's profile folder goes into our scratch folder, removed with it
    env = {**os.environ, "CHROME_PATH": chromium, "TMPDIR": str(scratch)}
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0 or not Path(report_path).is_file():
        raise LighthouseError(f"lighthouse failed on {url}:\n{done.stderr.strip()[-2000:]}")
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise LighthouseError(f"lighthouse could not audit {url}: {report['runtimeError']['message']}")
    return report


def failing_audits(report, category):
    """The audits that cost `category` points: weighted ones below full marks; for performance
    also the unweighted diagnostics Lighthouse itself marks as failed (below 0.9)."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        score = audit.get("score")
        if score is None or audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative"):
            continue
        if (ref["weight"] > 0 and score < 1) or (category == "performance" and score < 0.9):
            found.append((category, audit["id"], audit["title"], audit.get("displayValue", "")))
    return found


def summarize(name, lang, path, report):
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    metrics = {m: report["audits"][m].get("numericValue") for m in METRICS}
    result = Result(name, lang, path, scores, metrics)
    result.failing = [audit for category in result.missed() for audit in failing_audits(report, category)]
    return result


def audit_site(base_url, pages, runs=1, reports=None):
    """[Result] for every (name, lang, path); with runs > 1, each page's run of median performance.
    `reports`: a folder to keep the JSON reports in (`<name>-<lang>.json`)."""
    results = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        for name, lang, path in pages:
            candidates = []
            for number in range(runs):
                report_path = Path(scratch) / f"{name}-{lang}-{number}.json"
                report = run_lighthouse(f"{base_url}/{path}", report_path, scratch)
                candidates.append((report["categories"]["performance"]["score"] or 0, number, report))
            median = statistics.median_low(score for score, _, _ in candidates)
            _, number, report = next(c for c in candidates if c[0] == median)
            if reports:
                Path(reports).mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(scratch) / f"{name}-{lang}-{number}.json", Path(reports) / f"{name}-{lang}.json")
            results.append(summarize(name, lang, path, report))
    return results


def render_table(results):
    """The scores and metrics, one row per page and language; then what cost points, per page."""
    head = (f"{'page':<13}{'lang':<5}{'perf':>5}{'a11y':>6}{'best':>6}{'seo':>5}"
            f"{'FCP s':>8}{'LCP s':>7}{'TBT ms':>8}{'CLS':>7}{'KB':>8}  path")
    lines = [head, "-" * len(head)]
    for r in results:
        s, m = r.scores, r.metrics
        flag = " *" if r.missed() else ""
        lines.append(f"{r.name:<13}{r.lang:<5}{s['performance']:>5}{s['accessibility']:>6}{s['best-practices']:>6}"
                     f"{s['seo']:>5}{m['first-contentful-paint'] / 1000:>8.1f}{m['largest-contentful-paint'] / 1000:>7.1f}"
                     f"{m['total-blocking-time']:>8.0f}{m['cumulative-layout-shift']:>7.3f}"
                     f"{m['total-byte-weight'] / 1000:>8.1f}  /{unquote(r.path)}{flag}")
    targets = " / ".join(f"{TARGETS[c]}" for c in CATEGORIES)
    lines.append(f"\ntargets (perf / a11y / best practices / SEO): {targets}; * = below a target")
    for r in results:
        if r.failing:
            lines.append(f"\n{r.name} {r.lang} (/{unquote(r.path)}):")
            lines.extend(f"  {category:<15}{audit_id}: {title}" + (f" ({value})" if value else "")
                         for category, audit_id, title, value in r.failing)
    return "\n".join(lines)
