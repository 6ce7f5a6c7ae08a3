"""Every page of the sample site is valid HTML, by the Nu Html Checker (npm vnu-jar)."""

import json
import shutil
import subprocess

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(sample_site):
    java = shutil.which("java")
    assert java, "Java is needed for the HTML checker: install default-jre-headless"
    assert VNU.is_file(), "run `npm ci` (make test does) to install vnu-jar"
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 40
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [f"{m['url'].split('/output/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert problems == []


def test_every_stylesheet_is_valid_css(sample_site):
    # A stylesheet that does not parse (a lost brace in a merge) silently drops every rule after it.
    sheets = sorted(sample_site.rglob("*.css"))
    assert any(p.name == "site.css" for p in sheets) and any(p.name == "campaign.css" for p in sheets)
    result = subprocess.run([shutil.which("java"), "-jar", str(VNU), "--css", "--errors-only", "--format", "json",
                             *map(str, sheets)], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [f"{m['url'].split('/output/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []
