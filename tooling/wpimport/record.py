"""What an import wrote, kept in the content folder (`data/wordpress-import.yaml`): each file's SHA-256
as written, each post's file and each upload's copy. A second run writes a file only if the export
changed it and nobody edited it since; an edited file is kept and reported as a conflict."""

import hashlib
import json

RECORD = "data/wordpress-import.yaml"  # JSON, which YAML reads too: data/ holds .yaml files only


def digest(data):
    return hashlib.sha256(data).hexdigest()


def read_record(content):
    path = content / RECORD
    if not path.is_file():
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}


def write_files(content, planned, record):
    """Write what changed; (new, updated, unchanged, conflicts [(rel, source)]) and the record updated in place."""
    files = record.setdefault("files", {})
    new, updated, unchanged, conflicts = [], [], [], []
    for item in sorted(planned, key=lambda p: p.rel):
        path = content / item.rel
        wanted = digest(item.data)
        if path.is_file():
            current = digest(path.read_bytes())
            if current == wanted:
                unchanged.append(item.rel)
                files[item.rel] = wanted
                continue
            if files.get(item.rel) != current:
                conflicts.append((item.rel, item.source))
                continue
            updated.append(item.rel)
        else:
            new.append(item.rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(path.name + ".importing")
        scratch.write_bytes(item.data)
        scratch.replace(path)
        files[item.rel] = wanted
    return new, updated, unchanged, conflicts


def save_record(content, record):
    """Write the record if it changed (so a run that changed nothing leaves every file as it was)."""
    path = content / RECORD
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
