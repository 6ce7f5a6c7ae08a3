"""Running rsync and rclone: a missing tool or a failed run is a PublishError that says what to do."""

import shutil
import subprocess
from dataclasses import dataclass

from messages import render, t

INSTALL = {"rsync": "apt-get install rsync", "rclone": "apt-get install rclone"}


class PublishError(Exception):
    """The upload could not go on; the message (a Text) says why and, where we know, what to do.
    `details` is the tool's own output, shown as it wrote it (rsync and rclone speak English)."""

    def __init__(self, message, details=""):
        self.message, self.details = message, details
        super().__init__(message, details)

    def __str__(self):
        return self.describe()

    def describe(self, lang=None):
        return "\n".join(part for part in (render(self.message, lang), self.details) if part)


@dataclass(frozen=True)
class Transfer:
    step: str  # "assets", "pages" or "deletions": the order they happen in
    action: str  # "upload" or "delete"
    path: str  # relative to the site root


def require(tool):
    path = shutil.which(tool)
    if path is None:
        raise PublishError(t("{tool} is not installed: {command} (Debian/Ubuntu), or run .ci/run",
                             tool=tool, command=INSTALL[tool]))
    return path


def run(command, env=None):
    """Run command; its combined output as text. A non-zero exit raises PublishError with the tail of it."""
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise PublishError(t("{tool} failed (exit {code}): {command} …", tool=command[0], code=result.returncode,
                             command=" ".join(command[1:4])), details=tail)
    return result.stdout, result.stderr
