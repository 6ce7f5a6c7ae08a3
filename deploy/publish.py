"""Publish a built folder to one target: assets first, pages next, stale files last."""

from . import rclone, rsync
from .files import passes, site_files


def publish_folder(folder, publish_settings, target, dry_run=False, everything=False):
    """[Transfer] in the order they happened; raises tools.PublishError if an upload fails."""
    steps = passes(site_files(folder), publish_settings.last)
    if target.method == "rsync":
        return rsync.publish(folder, target, steps, publish_settings.keep, dry_run, everything)
    return rclone.publish(folder, target, steps, publish_settings, dry_run, everything)


def summary(transfers):
    """One line per step: how many files were uploaded or deleted."""
    lines = []
    for step in ("assets", "pages", "deletions"):
        done = [t.path for t in transfers if t.step == step]
        verb = "deleted" if step == "deletions" else "uploaded"
        lines.append(f"  {step}: {len(done)} {verb}" + (f" ({', '.join(done[:5])}{' …' if len(done) > 5 else ''})"
                                                        if done else ""))
    return "\n".join(lines)
