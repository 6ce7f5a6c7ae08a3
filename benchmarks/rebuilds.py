"""The rebuilds `invoke bench` times after its cold build, and what a publish would send after each.

Each is one change a person makes, then `invoke build` as it runs in `invoke serve` (content cache and
record on, the same output folder): nothing changed; one item's body edited; one item's title edited; one
item deleted; one dataset's count corrected; one template edited (in a copy of the theme, so the repository's is
never touched).

"Files a publish sends": `invoke publish` compares by checksum (rsync and rclone), so a file is sent when
its name is new or its bytes changed; removed files are deleted on the server. Both are counted by
comparing the output before and after, twins included.
"""

import hashlib
import os
from pathlib import Path

EDITED = "publications/item-00001.en.md"  # the item whose body and title are edited
NOTHING, BODY, TITLE, DELETE, DATASET, TEMPLATE = ("ours, nothing changed", "ours, 1 item's body edited",
                                                   "ours, 1 item's title edited", "ours, 1 item deleted",
                                                   "ours, 1 dataset edited", "ours, 1 template edited")
REBUILDS = (NOTHING, BODY, TITLE, DELETE, DATASET, TEMPLATE)
TEMPLATE_FILE = "base/templates/partials/footer.html"  # in the theme copy; every page shows the footer
DATASET_FILE = "data/violations/bench-000.yaml"  # charted by one publication per language (corpus.make_datasets)


def _save(path, text):
    """Write as an editor saving does; the mtime moves on even within one clock tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns <= before:
        os.utime(path, ns=(before + 1000, before + 1000))


def edit_body(corpus, _themes, round_number):
    """One sentence added to one item's text, differently each round."""
    path = Path(corpus) / EDITED
    text = path.read_text(encoding="utf-8").split("\n\nEdited for the warm build")[0].rstrip("\n")
    _save(path, f"{text}\n\nEdited for the warm build, round {round_number}.\n")


def edit_title(corpus, _themes, round_number):
    path = Path(corpus) / EDITED
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = f"Title: Generated benchmark item 1, retitled in round {round_number}"
    _save(path, "\n".join(lines))


def delete_item(corpus, _themes, round_number):
    """A generated item (the sample content links to none), a different one each round, not the edited
    one: its English file, so its Arabic page's language switcher changes too."""
    candidates = sorted(p for p in (Path(corpus) / "publications").glob("item-*.en.md") if p.name != Path(EDITED).name)
    candidates[-1].unlink()


def edit_dataset(corpus, _themes, round_number):
    """One row's count changed, as the observatory corrects a figure: differently each round (nothing, in a
    corpus made without datasets)."""
    path = Path(corpus) / DATASET_FILE
    if not path.exists():
        return
    lines = path.read_text(encoding="utf-8").split("\n")
    row = next(number for number, line in enumerate(lines) if line.lstrip().startswith("- {period:"))
    lines[row] = lines[row].rsplit("count: ", 1)[0] + f"count: {100 + round_number}}}"
    _save(path, "\n".join(lines))


def edit_template(_corpus, themes, round_number):
    path = Path(themes) / TEMPLATE_FILE
    text = path.read_text(encoding="utf-8").split("\n<!-- bench round")[0]
    _save(path, f"{text}\n<!-- bench round {round_number} -->\n")


EDITS = {NOTHING: lambda *args: None, BODY: edit_body, TITLE: edit_title, DELETE: delete_item,
         DATASET: edit_dataset, TEMPLATE: edit_template}


def snapshot(folder):
    """{relative path: SHA-256} of every file of a built site (every file read: an inode number can be reused)."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).digest()
            for path in Path(folder).rglob("*") if path.is_file()}


def publish_counts(before, after):
    """(files a publish sends, files it deletes) between two snapshots."""
    sent = sum(1 for rel, digest in after.items() if before.get(rel) != digest)
    return sent, sum(1 for rel in before if rel not in after)
