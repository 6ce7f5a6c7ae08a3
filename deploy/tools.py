"""Running rsync and rclone: a missing tool or a failed run is a PublishError that says what to do."""

import shutil
import subprocess
from dataclasses import dataclass

INSTALL = {"rsync": "apt-get install rsync", "rclone": "apt-get install rclone"}


class PublishError(Exception):
    """The upload could not go on; the message says why and, where we know, what to do."""


@dataclass(frozen=True)
class Transfer:
    step: str  # "assets", "pages" or "deletions": the order they happen in
    action: str  # "upload" or "delete"
    path: str  # relative to the site root


def require(tool):
    path = shutil.which(tool)
    if path is None:
        raise PublishError(f"{tool} is not installed: {INSTALL[tool]} (Debian/Ubuntu), or run .ci/run")
    return path


def run(command, env=None):
    """Run command; its combined output as text. A non-zero exit raises PublishError with the tail of it."""
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise PublishError(f"{command[0]} failed (exit {result.returncode}): {' '.join(command[1:4])} …\n{tail}")
    return result.stdout, result.stderr
