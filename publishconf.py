"""Production settings: everything from pelicanconf.py, plus what the live site changes."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = "https://7amleh.org"  # absolute links on the live site
RELATIVE_URLS = False
