"""Run the browser's search files in Node (tests/search_runner.js) from Python tests and benchmarks."""

import json
import shutil
import subprocess
from pathlib import Path

RUNNER = Path(__file__).with_name("search_runner.js")


def node(*args, payload):
    executable = shutil.which("node")
    assert executable, "Node.js is needed to run the browser's search code: apt-get install nodejs"
    result = subprocess.run([executable, str(RUNNER), *map(str, args)], input=json.dumps(payload),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def analyse_in_node(texts, stop_words):
    return node("analyse", payload={"stopWords": stop_words, "texts": texts})


def search_in_node(site, lang, queries, main_lang="ar", top=10):
    return node("search", site, lang, payload={"queries": queries, "mainLang": main_lang, "top": top})


def first_query_files_in_node(site, lang, queries, main_lang="ar"):
    """Per query, run as a visitor's first: the paths the engine fetches before its first ten results."""
    return node("cold", site, lang, payload={"queries": queries, "mainLang": main_lang})
