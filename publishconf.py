"""Production settings: everything from pelicanconf.py, plus what the live site changes."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = "https://7amleh.org"  # absolute links on the live site
RELATIVE_URLS = False
WRITE_DRAFTS = False  # `Status: draft` items are not built at /drafts/ on the live site

# Publishing (`invoke publish`, docs/deployment.md). Defaults and the file classes: deploy/settings.py.
PUBLISH = {
    "target": "server",  # used unless `invoke publish --target NAME` picks another
    "targets": {
        # The organisation's own server, over SSH (the CI secret DEPLOY_SSH_KEY); nginx: docs/nginx-cache.conf
        "server": {"method": "rsync", "destination": "deploy@7amleh.org:/var/www/7amleh.org/"},
        # Object storage behind a CDN: a remote named "cdn" in rclone.conf (the CI secret RCLONE_CONF)
        "cdn": {"method": "rclone", "destination": "cdn:7amleh-site"},
    },
}
