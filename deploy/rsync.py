"""Publishing to a server over SSH with rsync (or to a local folder: the tests' target).

Three runs, in order: assets, then pages (see files.passes), then deletions. Only files whose
checksum differs are sent (--checksum; mtimes are not kept, so a rebuild that writes the same
bytes sends nothing); --delay-updates renames each run's files into place at its end. The
server's nginx sets Cache-Control from docs/nginx-cache.conf, since rsync carries no headers.
"""

import tempfile

from .tools import Transfer, require, run

# %i: what changed (">f"/"<f" sent, "cd" new folder, "*deleting"); %n: the path.
BASE = ["--recursive", "--links", "--checksum", "--chmod=D755,F644", "--out-format=%i %n"]


def _transfers(step, output):
    for line in output.splitlines():
        flags, _, path = line.partition(" ")
        if flags == "*deleting":
            yield Transfer(step, "delete", path.strip())
        elif flags[:2] in (">f", "<f"):
            yield Transfer(step, "upload", path)


def protect(patterns):
    """rsync filter rules that keep files matching our globs from deletion (`*` crosses folders: `**`)."""
    return [f"--filter=P /{pattern.replace('*', '**')}" for pattern in patterns]


def publish(folder, target, steps, keep=(), dry_run=False, everything=False):
    """Upload steps [(name, [paths])] in order, then delete what the folder no longer has; [Transfer]."""
    command = [require("rsync"), *BASE, *(["-e", target.ssh] if target.ssh else []), *target.options,
               *(["--dry-run"] if dry_run else []), *(["--ignore-times"] if everything else [])]
    source, destination = f"{folder}/", target.destination
    transfers = []
    for step, paths in steps:
        if not paths:
            continue
        with tempfile.NamedTemporaryFile("w", prefix="deploy-publish-", suffix=".list", encoding="utf-8") as listing:
            listing.write("".join(f"{p}\n" for p in paths))
            listing.flush()
            out, _ = run([*command, "--delay-updates", f"--files-from={listing.name}", source, destination])
        transfers += _transfers(step, out)
    # Nothing is left to send: --existing --ignore-existing makes this run delete only.
    out, _ = run([*command, "--delete", "--existing", "--ignore-existing", *protect(keep), source, destination])
    return transfers + list(_transfers("deletions", out))
