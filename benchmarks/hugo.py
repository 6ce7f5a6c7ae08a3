"""`invoke bench --compare-hugo`: the benchmark corpus converted to a Hugo site, and Hugo's build.

The Markdown is the same; only the header becomes Hugo front matter. `<slug>.<lang>.md` is
already Hugo's own way to name translations. A campaign's `index.<lang>.md` becomes its
section page (`_index`): in Hugo, an `index.md` would swallow the campaign's other pages as
resources. Layouts: benchmarks/hugo/ — a minimal two-language theme, listings paginated by 10.
"""

import contextlib
import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .measure import vmhwm_mib

HERE = Path(__file__).resolve().parent / "hugo"
LISTS = {"topics": "tags", "type": "types", "authors": "authors"}  # our header → Hugo taxonomy


def front_matter(header):
    """Our `Key: value` header lines as YAML front matter (JSON strings are YAML strings)."""
    lines = ["---"]
    for key, value in header.items():
        key = key.lower()
        if key in LISTS:
            lines.append(f"{LISTS[key]}: {json.dumps([v.strip() for v in value.split(',')], ensure_ascii=False)}")
        elif key in ("title", "date", "summary"):
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines + ["---", ""])


def convert_file(source, target):
    text = source.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    header = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    header = {key.strip(): value.strip() for key, value in header.items()}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front_matter(header) + "\n" + body, encoding="utf-8")


def convert(corpus, site):
    """Write a Hugo site for the corpus into site/; return site."""
    corpus, site = Path(corpus), Path(site)
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(HERE, site)
    for source in sorted(corpus.rglob("*.md")):
        rel = source.relative_to(corpus)
        name = "_index" + source.name[len("index"):] if rel.parts[0] == "campaigns" and source.name.startswith("index.") else source.name
        convert_file(source, site / "content" / rel.parent / name)
    return site


@dataclass
class HugoReport:
    process_peaks_mib: dict  # what benchmarks.measure reads: Hugo's own peak, from the kernel


def build_hugo(site, output):
    """Run Hugo on site/ into output/. A child process: os.times counts its CPU once reaped.

    Its peak memory is sampled from /proc while it runs: the kernel's ru_maxrss for a child
    would include this Python process's own peak (exec keeps the parent's high-water mark).
    """
    shutil.rmtree(output, ignore_errors=True)
    command = ["hugo", "--quiet", "--source", str(site), "--destination", str(output)]
    peak = 0.0
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block Hugo
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        status = Path(f"/proc/{process.pid}/status")
        while process.poll() is None:
            with contextlib.suppress(OSError, ValueError):  # gone, or exiting: no VmHWM line any more
                peak = max(peak, vmhwm_mib(status.read_text()))
            time.sleep(0.02)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"hugo failed:\n{errors.read().decode()}")
    return HugoReport(process_peaks_mib={"hugo": peak})
