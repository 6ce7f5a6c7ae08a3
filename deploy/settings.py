"""PUBLISH: where `invoke publish` uploads the site and how each file is served, checked up front.

Defaults live here; `PUBLISH` in publishconf.py changes them. A mistake names the settings
file and the line (bilingual/settingsfile.py finds it), like every other settings error.
"""

from dataclasses import dataclass

from bilingual.settingsfile import settings_error

SETTING = "PUBLISH"
METHODS = ("rsync", "rclone")
TARGET_KEYS = {"method", "destination", "ssh", "options"}
# Files that point at other files (pages, feeds, the sitemap, search and data indexes) go in the
# last upload pass, after everything they may point at is in place.
LAST = ["*.html", "*.xml", "*.json"]
# Files on the target that the build does not make but that must never be deleted: certbot's
# webroot challenges and other /.well-known/ files the server owns.
KEEP = [".well-known/*"]
# Cache-Control per file class, first matching pattern wins. Theme CSS and JS are linked with a
# ?v=<content hash> (bilingual's theme_url), so a new version has a new address: cache for ever.
# Fonts are referenced from the CSS by plain name: a month. PDFs and images may be replaced
# under the same name (a corrected report): a day. Pages and everything else: five minutes.
CACHE = [
    (["theme/css/*", "theme/js/*"], "public, max-age=31536000, immutable"),
    (["theme/fonts/*"], "public, max-age=2592000"),
    (["pdfs/*", "images/*"], "public, max-age=86400"),
    (["*"], "public, max-age=300"),
]
# Content-Type by file name ending, longest ending first; text types carry the charset so Arabic
# is never decoded as Latin-1 by storage that guesses. Endings not listed: the uploader's guess.
TYPES = {
    ".atom.xml": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
DEFAULTS = {"target": None, "targets": {}, "last": LAST, "keep": KEEP, "cache": CACHE, "types": TYPES}


@dataclass(frozen=True)
class Target:
    name: str
    method: str  # "rsync" or "rclone"
    destination: str  # rsync: [user@host:]/path/ ; rclone: remote:path
    ssh: str = ""  # rsync only: the ssh command (port, key, known_hosts), e.g. "ssh -p 2222"
    options: tuple = ()  # extra arguments for rsync/rclone, e.g. ("--bwlimit=2M",)


@dataclass(frozen=True)
class Publish:
    target: str  # the default target's name
    targets: dict  # name → Target
    last: tuple  # glob patterns of the files uploaded in the last pass
    keep: tuple  # glob patterns of files on the target never deleted
    cache: tuple  # ((patterns…), Cache-Control) in order
    types: dict  # file name ending → Content-Type


def _pattern_list(value):
    return isinstance(value, (list, tuple)) and value and all(isinstance(p, str) and p and "[" not in p for p in value)


def check_publish(value, settings_file):
    """Publish from the PUBLISH setting (None: defaults), or a ContentError naming the file and line."""
    def problem(message, *keys, hint=None):
        return settings_error(settings_file, SETTING, message, *keys, hint=hint)

    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise problem(f"must be a dict ({', '.join(DEFAULTS)})")
    unknown = sorted(set(value) - set(DEFAULTS))
    if unknown:
        raise problem(f"unknown key '{unknown[0]}'", unknown[0], hint=f"the keys are {', '.join(DEFAULTS)}")
    merged = {**DEFAULTS, **value}
    if not isinstance(merged["targets"], dict):
        raise problem("must be a dict of name → {method, destination}", "targets")
    targets = {}
    for name, spec in merged["targets"].items():
        if not isinstance(spec, dict):
            raise problem("must be a dict with 'method' and 'destination'", "targets", name)
        extra = sorted(set(spec) - TARGET_KEYS)
        if extra:
            raise problem(f"unknown key '{extra[0]}'", "targets", name, extra[0],
                          hint=f"a target has {', '.join(sorted(TARGET_KEYS))}")
        if spec.get("method") not in METHODS:
            raise problem(f"method must be one of {', '.join(METHODS)}, not {spec.get('method')!r}",
                          "targets", name, *(["method"] if "method" in spec else []))
        destination = spec.get("destination")
        if not isinstance(destination, str) or not destination.strip():
            raise problem("has no 'destination'", "targets", name,
                          hint="rsync: 'user@host:/var/www/site/'; rclone: 'remote:bucket/path'")
        if spec["method"] == "rclone" and ":" not in destination:
            raise problem(f"'{destination}' is not an rclone remote path", "targets", name, "destination",
                          hint="write '<remote>:<bucket or folder>', the remote as named in rclone.conf")
        if "ssh" in spec and (spec["method"] != "rsync" or not isinstance(spec["ssh"], str)):
            raise problem("'ssh' is a command string, for rsync targets only", "targets", name, "ssh")
        options = spec.get("options", ())
        if not isinstance(options, (list, tuple)) or not all(isinstance(o, str) for o in options):
            raise problem("must be a list of command-line arguments", "targets", name, "options")
        targets[name] = Target(name, spec["method"], destination, spec.get("ssh", ""), tuple(options))
    if merged["target"] is not None and merged["target"] not in targets:
        raise problem(f"'{merged['target']}' is not one of the targets ({', '.join(targets) or 'none'})", "target")
    if not _pattern_list(merged["last"]):
        raise problem("must be a list of file patterns such as '*.html' ('*' and '?' only)", "last")
    if not (merged["keep"] == [] or _pattern_list(merged["keep"])):
        raise problem("must be a list of file patterns such as '.well-known/*' ('*' and '?' only)", "keep")
    cache = merged["cache"]
    if not isinstance(cache, (list, tuple)) or not all(
            isinstance(rule, (list, tuple)) and len(rule) == 2 and _pattern_list(rule[0]) and isinstance(rule[1], str)
            for rule in cache):
        raise problem("must be a list of ([file patterns], 'Cache-Control value')", "cache")
    if not cache or "*" not in cache[-1][0]:
        raise problem("the last rule must match every file: (['*'], '…')", "cache",
                      hint="end the list with the rule for pages, e.g. (['*'], 'public, max-age=300')")
    types = merged["types"]
    if not isinstance(types, dict) or not all(isinstance(k, str) and k.startswith(".") and isinstance(v, str)
                                              for k, v in types.items()):
        raise problem("must be a dict of file ending ('.csv') → Content-Type", "types")
    return Publish(merged["target"], targets, tuple(merged["last"]), tuple(merged["keep"]),
                   tuple((tuple(p), v) for p, v in cache), dict(types))


def choose_target(publish, name, settings_file):
    """The target called `name`, or the settings' default one."""
    name = name or publish.target
    if name is None:
        raise settings_error(settings_file, SETTING, "no target to publish to", "target",
                             hint="set PUBLISH['target'] in publishconf.py or pass --target")
    if name not in publish.targets:
        raise settings_error(settings_file, SETTING, f"no target called '{name}' "
                             f"(there are: {', '.join(publish.targets) or 'none'})", "targets")
    return publish.targets[name]
