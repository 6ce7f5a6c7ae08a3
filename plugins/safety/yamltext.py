"""YAML written by staff (vocabularies, datasets, campaign.yaml), read within limits.

PyYAML's safe loader never builds Python objects, but two things in a YAML file can still
cost the build dearly: nesting (composing nodes recurses once per level, so a vocabulary
nested 1,000 deep ended in a RecursionError) and aliases (`*name` repeats a node, and a
few lines of them nest into billions of values when walked: the "billion laughs"). Neither
is needed by any of our files, so the event stream is read first — PyYAML's parser keeps its
own stack, it does not recurse — and either one stops the build, naming the line.
"""

import yaml

from bilingual.errors import ContentError
from messages import t

MAX_YAML_BYTES = 20_000_000  # a dataset of 100,000 rows is about 8 MB
MAX_DEPTH = 12  # our deepest file (a campaign's figures) nests 4 levels
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: same marks, ten times faster
OPENERS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
CLOSERS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def malformed(path, exc):
    mark = getattr(exc, "problem_mark", None)
    return ContentError(path, t("malformed YAML: {reason}", reason=getattr(exc, "problem", None) or exc),
                        line=mark.line + 1 if mark else None,
                        hint=t("check the indentation and the quotes on this line and the one before"))


def check_events(text, path):
    """Stop on nesting deeper than MAX_DEPTH, or any anchor or alias, before nodes are composed."""
    depth = 0
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ContentError(path, t("anchors and aliases (&name, *name) are not allowed"),
                               line=event.start_mark.line + 1, hint=t("write the value out in full where it is needed"))
        if isinstance(event, OPENERS):
            depth += 1
            if depth > MAX_DEPTH:
                raise ContentError(path, t("the values are nested more than {limit} levels deep", limit=MAX_DEPTH),
                                   line=event.start_mark.line + 1,
                                   hint=t("check the indentation and the brackets: no file of this site nests that deep"))
        elif isinstance(event, CLOSERS):
            depth -= 1


def compose(text, path):
    """The document's root node (None for an empty file); a mistake or an excess names the line."""
    size = len(text.encode("utf-8"))
    if size > MAX_YAML_BYTES:
        raise ContentError(path, t("the file is {size} MB; a data file may have at most {limit} MB",
                                   size=f"{size / 1e6:.0f}", limit=f"{MAX_YAML_BYTES / 1e6:.0f}"),
                           hint=t("split the dataset, e.g. one file per year"))
    try:
        check_events(text, path)
        return yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        raise malformed(path, exc) from None
