"""Publishing to any rclone remote (S3-compatible storage behind a CDN, SFTP, WebDAV…).

Each step's files are uploaded in groups of equal headers, each group one `rclone copy
--files-from` with `--header-upload` for its Cache-Control and Content-Type (object stores keep
them as the object's metadata and serve them). --checksum compares content hashes, so unchanged
files are skipped. Stale files are listed and deleted last.
"""

import json
import tempfile

from .files import header_groups, matches, site_files
from .tools import Transfer, require, run

COPIED = ("Copied (new)", "Copied (replaced existing)", "Copied (Rcat, new)", "Copied (server-side copy)")


def _log(stderr):
    """The JSON log lines rclone wrote (--use-json-log), skipping anything else."""
    for line in stderr.splitlines():
        if line.startswith("{"):
            try:
                yield json.loads(line)
            except ValueError:
                continue


def _objects(stderr, action):
    """Paths rclone reports as copied ("copy") or deleted ("delete"), or would have with --dry-run."""
    done = COPIED if action == "copy" else ("Deleted",)
    return [entry["object"] for entry in _log(stderr)
            if "object" in entry and (entry.get("msg") in done or entry.get("skipped") == action)]


def _with_list(paths, command):
    with tempfile.NamedTemporaryFile("w", prefix="deploy-publish-", suffix=".list", encoding="utf-8") as listing:
        listing.write("".join(f"{p}\n" for p in paths))
        listing.flush()
        return run([*command, f"--files-from={listing.name}"])


def publish(folder, target, steps, publish_settings, dry_run=False, everything=False):
    """Upload steps [(name, [paths])] in order, then delete what the folder no longer has; [Transfer]."""
    rclone = require("rclone")
    common = ["-v", "--use-json-log", "--stats=0", *target.options, *(["--dry-run"] if dry_run else [])]
    transfers = []
    for step, paths in steps:
        for (cache, ctype, encoding), group in sorted(header_groups(paths, publish_settings).items(),
                                                      key=lambda g: g[1][0]):
            headers = [f"--header-upload=Cache-Control: {cache}"]
            if ctype:
                headers.append(f"--header-upload=Content-Type: {ctype}")
            if encoding:  # a precompressed twin: its original's type, and how it is encoded
                headers.append(f"--header-upload=Content-Encoding: {encoding}")
            _, err = _with_list(group, [rclone, "copy", str(folder), target.destination, "--checksum",
                                        *(["--ignore-times"] if everything else []), *headers, *common])
            transfers += [Transfer(step, "upload", path) for path in _objects(err, "copy")]
    out, _ = run([rclone, "lsf", "--recursive", "--files-only", *target.options, target.destination])
    stale = sorted(path for path in set(out.splitlines()) - set(site_files(folder))
                   if not matches(path, publish_settings.keep))
    if stale:
        _, err = _with_list(stale, [rclone, "delete", target.destination, *common])
        transfers += [Transfer("deletions", "delete", path) for path in _objects(err, "delete")]
        # Folders the deletions emptied (SFTP, WebDAV, local; object stores have none).
        run([rclone, "rmdirs", target.destination, "--leave-root", *common])
    return transfers
