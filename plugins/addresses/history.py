"""Where git says a content file went: renames (and moves), followed to the file's name today."""

import subprocess


def renames(content_path):
    """{old path: current path} for every file renamed in the history of content_path (paths relative
    to it), chains followed (a → b → c gives a → c and b → c); {} without git."""
    try:
        log = subprocess.run(["git", "log", "--reverse", "--format=%x00", "--name-status", "-M", "--diff-filter=R",
                              "--relative", "--", "."], cwd=content_path, capture_output=True, text=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    moved, pointing = {}, {}  # old → new; new → {olds that lead to it}
    for line in log.splitlines():
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0].startswith("R"):
            continue
        _, old, new = fields
        followers = pointing.pop(old, set()) | {old}
        for earlier in followers:
            moved[earlier] = new
        pointing.setdefault(new, set()).update(followers)
        moved.pop(new, None)  # a file renamed back to an older name is that name again
        pointing[new].discard(new)
    return {old: new for old, new in moved.items() if old != new}
