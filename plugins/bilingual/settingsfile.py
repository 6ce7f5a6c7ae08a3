"""Where a setting is written, so a settings mistake can name the file and the line.

Pelican hands plugins the values, not where they came from; we read the settings file
(and any `from x import *` file beside it, as publishconf.py does with pelicanconf.py)
with `ast`, without running it.
"""

import ast
from pathlib import Path

from messages import t, tn

from .errors import ContentError


def star_imports(tree, folder):
    """The files beside the settings file that it star-imports (`from pelicanconf import *`)."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and any(a.name == "*" for a in node.names):
            candidate = folder / f"{node.module.replace('.', '/')}.py"
            if candidate.is_file():
                yield candidate


def _find(tree, name, keys):
    """Line of the last top-level `NAME = …` (or `NAME += …`), or of its deepest key among `keys`:
    a key of a dict literal, or an item of a list literal (by its value: `[*OTHER, "x"]` hides positions)."""
    line = None
    for node in tree.body:
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else [])
        if not any(isinstance(t, ast.Name) and t.id == name for t in targets):
            continue
        line, value = node.lineno, node.value
        for key in keys:
            if isinstance(value, ast.Dict):
                match = next(((k, v) for k, v in zip(value.keys, value.values)
                              if isinstance(k, ast.Constant) and k.value == key), None)
                if match is None:
                    break
                line, value = match[0].lineno, match[1]
            elif isinstance(value, (ast.List, ast.Tuple)):
                match = next((e for e in value.elts if isinstance(e, ast.Constant) and e.value == key), None)
                if match is None:
                    break
                line, value = match.lineno, match
    return line


def locate(settings_file, name, *keys):
    """(file name, line or None) where NAME — or NAME[key][key]… — is set."""
    settings_file = Path(settings_file)
    seen, queue = set(), [settings_file]
    while queue:
        path = queue.pop(0)
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        line = _find(tree, name, keys)
        if line is not None:
            return path.name, line
        queue.extend(star_imports(tree, path.parent))
    return settings_file.name, None


def settings_error(settings_file, name, message, *keys, hint=None):
    """A ContentError about NAME[key]… naming the settings file and the line it is set on."""
    path, line = locate(settings_file, name, *keys)
    where = "".join(f"[{key!r}]" for key in keys)
    return ContentError(path, t("{setting}: {problem}", setting=f"{name}{where}", problem=message), line=line, hint=hint)


def plugin_table(settings, name, defaults, plugin):
    """(settings file, settings[name] over `defaults`): a plugin's settings dict, such as IMAGES.

    Not a dict, or a key the plugin does not know, stops the build naming the line; `plugin` names the
    plugin in the message (a Text: t("images plugin")). The plugin then checks each value itself.
    """
    where = settings.get("SETTINGS_FILE") or "pelicanconf.py"
    given = settings.get(name) or {}
    if not isinstance(given, dict):
        raise settings_error(where, name, t("must be a dict ({plugin})", plugin=plugin))
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise settings_error(where, name, tn("unknown key {keys} ({plugin})", "unknown keys {keys} ({plugin})",
                                             len(unknown), keys=[repr(key) for key in unknown], plugin=plugin),
                             hint=t("known keys: {keys}", keys=list(defaults)))
    return where, {**defaults, **given}
