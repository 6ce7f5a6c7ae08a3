"""Build a content tree and report how long it took and how long the search plugin spent (JSON on stdout).

Run as `python -m benchmarks.search_build CONTENT OUTPUT`; a child process, so each build starts cold.
"""

import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


class SearchTimes(logging.Handler):
    """Collects the wall and CPU seconds the search generator logs for each language."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.seconds = {}

    def emit(self, record):
        if record.name == "search.generator":
            lang, items, shards, seconds, cpu = record.args
            self.seconds[lang] = {"items": items, "shards": shards, "seconds": seconds, "cpu": cpu}


def main(content, output):
    from bilingual.build import build_site

    times = SearchTimes()
    logger = logging.getLogger("search.generator")
    logger.setLevel(logging.INFO)
    logger.addHandler(times)
    started = time.perf_counter()
    build_site(ROOT / "pelicanconf.py", content=content, output=output)
    print(json.dumps({"wall": time.perf_counter() - started, "search": times.seconds}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
