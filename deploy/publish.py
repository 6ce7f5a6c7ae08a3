"""Publish a built folder to one target: assets first, pages next, stale files last."""

from messages import t, tn

from . import rclone, rsync
from .files import passes, site_files


def publish_folder(folder, publish_settings, target, dry_run=False, everything=False):
    """[Transfer] in the order they happened; raises tools.PublishError if an upload fails."""
    steps = passes(site_files(folder), publish_settings.last)
    if target.method == "rsync":
        return rsync.publish(folder, target, steps, publish_settings.keep, dry_run, everything)
    return rclone.publish(folder, target, steps, publish_settings, dry_run, everything)


SHOWN = 5  # files named per step in the summary; the rest are counted


def summary(transfers, dry_run=False):
    """One Text per step ("assets: 3 uploaded (a, b, c)"): what was uploaded or deleted, or with
    dry_run what would be, naming the first few files."""
    return [_step_line(step, [transfer.path for transfer in transfers if transfer.step == step], dry_run)
            for step in ("assets", "pages", "deletions")]


def _step_line(step, paths, dry_run):
    count, files = len(paths), [*paths[:SHOWN], *(["…"] if len(paths) > SHOWN else [])]
    if step == "deletions":
        return _deletions(count, files, dry_run)
    name = t("assets") if step == "assets" else t("pages")
    if dry_run:
        return (tn("{step}: {count} to upload ({files})", "{step}: {count} to upload ({files})", count,
                   step=name, files=files) if count else t("{step}: nothing to upload", step=name))
    return (tn("{step}: {count} uploaded ({files})", "{step}: {count} uploaded ({files})", count,
               step=name, files=files) if count else t("{step}: 0 uploaded", step=name))


def _deletions(count, files, dry_run):
    if dry_run:
        return (tn("deletions: {count} to delete ({files})", "deletions: {count} to delete ({files})", count,
                   files=files) if count else t("deletions: nothing to delete"))
    return (tn("deletions: {count} deleted ({files})", "deletions: {count} deleted ({files})", count,
               files=files) if count else t("deletions: 0 deleted"))
