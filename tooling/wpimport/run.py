"""One import: read, map, plan, write, record; the report as translated lines."""

from pathlib import Path

import yaml

from messages import t, tn

from . import slugs
from .mapping import Mapping, read_mapping, write_mapping
from .plan import Planner
from .record import digest, read_record, save_record, write_files
from .wxr import read_export

MAP_FILE = "data/wordpress-map.yaml"
SHOWN = 20  # post ids listed per line of the report; the rest are counted


def site_topics(content, fallback):
    """The topic codes of the content folder's topics.yaml (else the repository's)."""
    for path in (content / "data/topics.yaml", fallback):
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            return {str(key) for key in data} if isinstance(data, dict) else set()
    return set()


def found_terms(export):
    found = {"categories": {}, "tags": {}}
    for item in export.items:
        if item.kind not in ("post", "page"):
            continue
        for domain, section in (("category", "categories"), ("post_tag", "tags")):
            for nicename, label in item.terms_of(domain):
                name = slugs.decode(nicename)
                old = found[section].get(name, (label, 0))
                found[section][name] = (old[0], old[1] + 1)
    return found


def run_import(export_path, *, content, uploads, map_path, languages, default_lang, fallback_topics):
    """Import; returns the report's lines (Texts). Errors: wxr.ExportError, ContentError (the mapping file)."""
    content = Path(content)
    export = read_export(Path(export_path))
    terms = found_terms(export)
    map_path = Path(map_path) if map_path else content / MAP_FILE
    lines = []
    topics = site_topics(content, fallback_topics)
    if map_path.is_file():
        mapping = read_mapping(map_path, topics)
    else:
        write_mapping(map_path, terms)
        mapping = Mapping()
        lines.append(t("Wrote {file}: every category and tag, with counts. Say where each goes, then import again.",
                       file=map_path))
    record = read_record(content)
    planner = Planner(export, mapping, languages=languages, default_lang=default_lang, content=content,
                      uploads=uploads, record=record, found_terms=terms, topics=topics)
    planned = planner.plan()
    new, updated, unchanged, conflicts = write_files(content, planned, record)
    moved = remove_moved(content, planner.notes.moved, record, conflicts)
    record["items"] = {**record.get("items", {}), **{p.source.split()[1]: p.rel for p in planned
                                                     if p.source.startswith("post ")}}
    record["uploads"] = {**record.get("uploads", {}), **{p.source: p.rel for p in planned
                                                         if not p.source.startswith("post ")}}
    record["queries"] = dict(sorted({**record.get("queries", {}), **planner.notes.queries}.items()))
    save_record(content, record)
    return lines + report(planner.notes, languages, new, updated, unchanged, conflicts, map_path, moved)


def remove_moved(content, moves, record, conflicts):
    """An item the map now sends to another folder: its old file goes, unless someone edited it (a conflict)."""
    files, done = record.setdefault("files", {}), []
    for old, new, number in moves:
        path = content / old
        if not path.is_file():
            files.pop(old, None)
            continue
        if files.get(old) != digest(path.read_bytes()):
            conflicts.append((old, f"post {number}"))
            continue
        path.unlink()
        files.pop(old, None)
        done.append((old, new))
    return done


def ids(numbers):
    numbers = sorted(set(numbers))
    shown = ", ".join(str(n) for n in numbers[:SHOWN])
    return shown + (str(t(" … and {count} more", count=len(numbers) - SHOWN)) if len(numbers) > SHOWN else "")


def report(notes, languages, new, updated, unchanged, conflicts, map_path, moved=()):
    lines = []
    for kind, label in (("post", t("Posts")), ("page", t("Pages"))):
        counts = ", ".join(f"{lang} {notes.counts.get((kind, lang), 0)}" for lang in languages)
        lines.append(t("{kind}: {counts}", kind=label, counts=counts))
    lines.append(tn("{count} translation pair made", "{count} translation pairs made", notes.pairs))
    lines.append(tn("{count} item in one language only, marked 'Translation: none'",
                    "{count} items in one language only, marked 'Translation: none'", notes.single))
    lines.append(tn("{count} file copied from the uploads (PDFs and images)",
                    "{count} files copied from the uploads (PDFs and images)", notes.files))
    lines.append(t("Files: {new} new, {updated} updated, {unchanged} unchanged", new=len(new), updated=len(updated),
                   unchanged=len(unchanged)))
    for old, new_rel in moved:
        lines.append(t("Moved: {old} → {new} (the map sends it there now)", old=old, new=new_rel))
    for rel, source in conflicts:
        lines.append(t("Conflict: {file} was edited since the last import and is kept as it is; the export's "
                       "version of {source} was not written", file=rel, source=source))
    defaults = []
    for key, numbers in sorted(notes.defaults.items()):
        what, _, value = key.partition(":")
        text = {"folder": t("no mapped category, put in {folder}/", folder=value),
                "type": t("in publications/ with no mapped type: 'Type: {value}'", value=value),
                "language": t("no language in the export: the site's main language"),
                "summary": t("no text to make a summary from"),
                "pdf": t("one language's PDF given to its translation too"),
                "title": t("no title: one was made from the kind and the id")}[what]
        defaults.append(t("  {what} — posts {ids}", what=text, ids=ids(numbers)))
    for section, counts in sorted(notes.unmapped.items()):
        names = ", ".join(f"{name} ({count})" for name, count in sorted(counts.items())[:SHOWN])
        more = len(counts) - SHOWN
        names += str(t(" … and {count} more", count=more)) if more > 0 else ""
        defaults.append(t("  unmapped categories (default folder, no topic): {names}", names=names)
                        if section == "category" else t("  unmapped tags, no topic given: {names}", names=names))
    if notes.transliterated:
        examples = ", ".join(f"{number} → {slug}" for number, slug in notes.transliterated[:5])
        defaults.append(tn("  {count} file name transliterated from its Arabic title (no English translation): {examples}",
                           "  {count} file names transliterated from their Arabic titles (no English translation): "
                           "{examples}", len(notes.transliterated), examples=examples))
    if defaults:
        lines.append(t("Defaults chosen (confirm them, or say otherwise in {file} and import again):", file=map_path))
        lines.extend(defaults)
    if notes.queries:
        lines.append(tn("{count} old address with a query (?p=…, ?page_id=…) is in 'Aliases:': it redirects on a host "
                        "that reads _redirects (Netlify) or nginx's map (`invoke headers`); elsewhere it shows the "
                        "home page. Each one's new address is in {record}",
                        "{count} old addresses with a query (?p=…, ?page_id=…) are in 'Aliases:': they redirect on a "
                        "host that reads _redirects (Netlify) or nginx's map (`invoke headers`); elsewhere they show "
                        "the home page. Each one's new address is in {record}",
                        len(notes.queries), record="data/wordpress-import.yaml"))
    skipped = {}
    for key, numbers in notes.skipped.items():
        skipped.setdefault(key, []).extend(numbers)
    for key, numbers in sorted(skipped.items()):
        what, _, value = key.partition(":")
        lines.append(t("Not imported ({what} '{value}'): posts {ids}", what={"kind": t("kind"), "status": t("status"),
                                                                            "lang": t("language")}[what],
                       value=value, ids=ids(numbers)))
    if notes.problems:
        lines.append(tn("Not converted as it was ({count} place, by post id):",
                        "Not converted as it was ({count} places, by post id):", len(notes.problems)))
        for number, problem in sorted(notes.problems, key=lambda p: p[0])[:50]:
            lines.append(t("  {id}: {problem}", id=number, problem=problem))
        if len(notes.problems) > 50:
            lines.append(t("  … and {count} more", count=len(notes.problems) - 50))
    return lines
