"""PUBLISH: where `invoke publish` uploads the site and how each file is served, checked up front.

Defaults live here; `PUBLISH` in publishconf.py changes them. A mistake names the settings
file and the line (bilingual/settingsfile.py finds it), like every other settings error.
"""

from dataclasses import dataclass

from bilingual.metadata import suggest
from bilingual.settingsfile import settings_error
from messages import sentences, t

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
# Search shards are named by their content (the manifest lists the names): for ever too. The search
# manifest and result cards keep their names when they change, like pages (decision 0011).
# Fonts are referenced from the CSS by plain name: a month. PDFs and images may be replaced
# under the same name (a corrected report): a day. Pages and everything else: five minutes.
CACHE = [
    (["theme/css/*", "theme/js/*"], "public, max-age=31536000, immutable"),
    (["search/data/shards/*", "*/search/data/shards/*"], "public, max-age=31536000, immutable"),
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
        raise problem(t("must be a dict ({keys})", keys=list(DEFAULTS)))
    unknown = sorted(set(value) - set(DEFAULTS))
    if unknown:
        raise problem(t("unknown key '{key}'", key=unknown[0]), unknown[0],
                      hint=sentences(suggest(str(unknown[0]), DEFAULTS), t("the keys are {keys}", keys=list(DEFAULTS))))
    merged = {**DEFAULTS, **value}
    if not isinstance(merged["targets"], dict):
        raise problem(t("must be a dict of name → {{method, destination}}"), "targets")
    targets = {name: _target(name, spec, problem) for name, spec in merged["targets"].items()}
    if merged["target"] is not None and merged["target"] not in targets:
        raise problem(t("'{target}' is not one of the targets ({targets})", target=merged["target"],
                        targets=list(targets) or t("none")), "target",
                      hint=suggest(str(merged["target"]), targets))
    if not _pattern_list(merged["last"]):
        raise problem(t("must be a list of file patterns such as '*.html' ('*' and '?' only)"), "last")
    if not (merged["keep"] == [] or _pattern_list(merged["keep"])):
        raise problem(t("must be a list of file patterns such as '.well-known/*' ('*' and '?' only)"), "keep")
    cache = merged["cache"]
    if not isinstance(cache, (list, tuple)) or not all(
            isinstance(rule, (list, tuple)) and len(rule) == 2 and _pattern_list(rule[0]) and isinstance(rule[1], str)
            for rule in cache):
        raise problem(t("must be a list of ([file patterns], 'Cache-Control value')"), "cache")
    if not cache or "*" not in cache[-1][0]:
        raise problem(t("the last rule must match every file: (['*'], '…')"), "cache",
                      hint=t("end the list with the rule for pages, e.g. {example}",
                             example="(['*'], 'public, max-age=300')"))
    types = merged["types"]
    if not isinstance(types, dict) or not all(isinstance(k, str) and k.startswith(".") and isinstance(v, str)
                                              for k, v in types.items()):
        raise problem(t("must be a dict of file ending ('.csv') → Content-Type"), "types")
    return Publish(merged["target"], targets, tuple(merged["last"]), tuple(merged["keep"]),
                   tuple((tuple(p), v) for p, v in cache), dict(types))


def _target(name, spec, problem):
    """The Target PUBLISH['targets'][name] describes; problem(message, *keys, hint=…) makes the error."""
    if not isinstance(spec, dict):
        raise problem(t("must be a dict with 'method' and 'destination'"), "targets", name)
    extra = sorted(set(spec) - TARGET_KEYS)
    if extra:
        raise problem(t("unknown key '{key}'", key=extra[0]), "targets", name, extra[0],
                      hint=sentences(suggest(str(extra[0]), TARGET_KEYS),
                                     t("a target has {keys}", keys=sorted(TARGET_KEYS))))
    method = spec.get("method")
    if "method" not in spec:
        raise problem(t("has no 'method'"), "targets", name, hint=t("the methods are {choices}", choices=list(METHODS)))
    if method not in METHODS:
        raise problem(t("method must be one of {choices}, not '{value}'", choices=list(METHODS), value=method),
                      "targets", name, "method", hint=suggest(str(method), METHODS))
    destination = spec.get("destination")
    if not isinstance(destination, str) or not destination.strip():
        raise problem(t("has no 'destination'"), "targets", name,
                      hint=t("rsync: {rsync}; rclone: {rclone}", rsync="'user@host:/var/www/site/'",
                             rclone="'remote:bucket/path'"))
    if method == "rclone" and ":" not in destination:
        raise problem(t("'{destination}' is not an rclone remote path", destination=destination),
                      "targets", name, "destination",
                      hint=t("write '<remote>:<bucket or folder>', the remote as named in rclone.conf"))
    if "ssh" in spec and (method != "rsync" or not isinstance(spec["ssh"], str)):
        raise problem(t("'ssh' is a command string, for rsync targets only"), "targets", name, "ssh")
    options = spec.get("options", ())
    if not isinstance(options, (list, tuple)) or not all(isinstance(o, str) for o in options):
        raise problem(t("must be a list of command-line arguments"), "targets", name, "options")
    return Target(name, method, destination, spec.get("ssh", ""), tuple(options))


def choose_target(publish, name, settings_file):
    """The target called `name`, or the settings' default one."""
    name = name or publish.target
    if name is None:
        raise settings_error(settings_file, SETTING, t("no target to publish to"), "target",
                             hint=t("set PUBLISH['target'] in publishconf.py or pass --target"))
    if name not in publish.targets:
        raise settings_error(settings_file, SETTING,
                             t("no target called '{name}' (there are: {targets})", name=name,
                               targets=list(publish.targets) or t("none")), "targets",
                             hint=suggest(name, publish.targets))
    return publish.targets[name]
