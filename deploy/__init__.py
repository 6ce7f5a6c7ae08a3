"""Publishing the built site (`invoke publish`): settings, file classes, the rsync and rclone uploads.

Not a Pelican plugin: it runs after a finished build, on the output folder. See docs/deployment.md.
"""
