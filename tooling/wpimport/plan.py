"""Every file an import writes, decided from the export, the mapping and what the content folder holds.

Items are taken in the order of their WordPress ids, so the same export gives the same files; an item
imported before keeps its file (the record says which), so a newer export never renames one.
"""

import dataclasses
import html
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from addresses.paths import check_address
from messages import t
from publications.labels import TYPE_LABELS
from safety.kinds import HEAD, kind_of_name, sniff

from . import slugs
from .body import plain_text, to_markdown
from .wxr import site_path

IMPORTED_STATUSES = {"publish": None, "draft": "draft", "pending": "draft", "private": "draft", "future": "draft"}
FILE_FOLDERS = {"pdf": "pdfs", "jpeg": "images", "png": "images", "webp": "images", "gif": "images"}
MAX_FILE = 200 * 1024 * 1024  # bytes; larger uploads (videos) are not the site's to serve
MAX_ALIASES = 50
SIZED = re.compile(r"^(.*)-(\d+x\d+|scaled|rotated)(\.\w+)$")  # WordPress's resized copies: name-1024x768.jpg
QUERY_KEYS = ("p", "page_id", "attachment_id")


@dataclasses.dataclass
class Planned:
    rel: str  # under the content folder
    data: bytes
    source: str  # "post 12", or the upload's path, for the report


@dataclasses.dataclass
class Notes:
    """What the report tells, gathered while planning."""
    counts: dict = dataclasses.field(default_factory=dict)  # (kind, lang) → count
    pairs: int = 0
    single: int = 0
    defaults: dict = dataclasses.field(default_factory=dict)  # key → [post ids]
    unmapped: dict = dataclasses.field(default_factory=dict)  # "category"|"tag" → {nicename: count}
    transliterated: list = dataclasses.field(default_factory=list)  # (post id, slug)
    problems: list = dataclasses.field(default_factory=list)  # (post id, Text)
    skipped: dict = dataclasses.field(default_factory=dict)  # reason key → [post ids]
    queries: dict = dataclasses.field(default_factory=dict)  # '?p=12' → new address
    moved: list = dataclasses.field(default_factory=list)  # (old rel, new rel, post id): the map sent it elsewhere
    files: int = 0


class Planner:
    def __init__(self, export, mapping, *, languages, default_lang, content, uploads, record, found_terms, topics=()):
        self.export, self.mapping = export, mapping
        self.languages, self.default_lang = list(languages), default_lang
        self.content, self.uploads = Path(content), Path(uploads).resolve() if uploads else None
        self.record = record
        self.found_terms = found_terms
        self.topics = set(topics)
        self.notes = Notes()
        self.by_id = {item.id: item for item in export.items}
        self.files = {}  # upload rel → content rel (or None: not copied)
        self.planned = {}  # rel → Planned
        self.taken = set(record.get("items", {}).values()) | set(record.get("uploads", {}).values())
        self.children, self.by_upload = {}, {}
        for item in sorted(export.items, key=lambda i: (i.order, i.id)):
            if item.kind == "attachment":
                self.children.setdefault(item.parent, []).append(item)
                self.by_upload.setdefault(self.upload_rel(item.attachment_url) or "", item)

    # --- which items, in which language, paired how -------------------------------------------
    def language(self, item):
        for nicename, _ in item.terms_of("language"):
            return nicename.lower()
        return (item.meta.get("_wpml_import_language_code") or "").lower() or None

    def group_key(self, item):
        for nicename, _ in item.terms_of("post_translations"):
            return "pll:" + nicename
        for name, members in self.export.translation_groups.items():
            if item.id in members.values():
                return "pll:" + name
        group = item.meta.get("_wpml_import_translation_group")
        return "wpml:" + group if group else f"one:{item.id}"

    def groups(self):
        groups = {}
        for item in sorted(self.export.items, key=lambda i: i.id):
            if item.kind not in ("post", "page"):
                if item.kind != "attachment":
                    self.notes.skipped.setdefault("kind:" + item.kind, []).append(item.id)
                continue
            if item.status not in IMPORTED_STATUSES:
                self.notes.skipped.setdefault("status:" + item.status, []).append(item.id)
                continue
            lang = self.language(item)
            if lang is None:
                lang = self.default_lang
                self.notes.defaults.setdefault("language", []).append(item.id)
            if lang not in self.languages:
                self.notes.skipped.setdefault("lang:" + lang, []).append(item.id)
                continue
            members = groups.setdefault(self.group_key(item), {})
            if lang in members:  # two in one language: the later one stands alone
                groups.setdefault(f"one:{item.id}", {})[lang] = item
            else:
                members[lang] = item
        return sorted(groups.values(), key=lambda members: min(i.id for i in members.values()))

    # --- where a group goes -----------------------------------------------------------------------
    def placement(self, members):
        """(folder, type, topics) of a group: the first mapped category in the main language's order decides."""
        ordered = [members[lang] for lang in self.languages if lang in members]
        if ordered[0].kind == "page":
            return "pages", None, self._topics(ordered)
        folder = kind = None
        for item in ordered:
            for nicename, _ in item.terms_of("category"):
                entry = self.mapping.categories.get(slugs.decode(nicename))
                if entry is None or entry["folder"] is None:
                    continue
                folder, kind = entry["folder"], entry["type"]
                break
            if folder:
                break
        if folder is None:
            folder = self.mapping.default_folder
            self.notes.defaults.setdefault("folder:" + folder, []).extend(i.id for i in ordered)
        if folder == "publications" and kind is None:
            kind = "report"
            self.notes.defaults.setdefault("type:report", []).extend(i.id for i in ordered)
        return folder, kind, self._topics(ordered)

    def _topics(self, ordered):
        topics = set()
        for item in ordered:
            for domain, table, key in (("category", self.mapping.categories, "category"),
                                       ("post_tag", self.mapping.tags, "tag")):
                for nicename, _ in item.terms_of(domain):
                    name = slugs.decode(nicename)
                    entry = table.get(name)
                    if entry and entry["topic"]:
                        topics.add(entry["topic"])
                    elif entry is None or (key == "tag" and not entry["topic"]):
                        if entry is None or key == "tag":
                            counts = self.notes.unmapped.setdefault(key, {})
                            counts[name] = counts.get(name, 0) + 1
        return sorted(topics)

    def slug(self, members, folder):
        recorded = self.record.get("items", {})
        for item in members.values():
            if str(item.id) in recorded:
                return Path(recorded[str(item.id)]).name.split(".")[0], "recorded"
        english = members.get("en")
        first = members.get(self.default_lang) or next(iter(members.values()))
        slug, how = slugs.item_slug(english.name if english else "", first.name, first.title)
        slug = slug or f"item-{first.id}"
        base, number = slug, 1
        listings = self.listings()
        while any(self._taken(f"{folder}/{slug}.{lang}.md") or self.new_address(folder, slug, lang) in listings
                  for lang in self.languages):
            number += 1
            slug = slugs.cut(base)[: slugs.MAX_SLUG - 4] + f"-{number}"
        if how == "transliterated":
            self.notes.transliterated.append((first.id, f"{folder}/{slug}"))
        return slug, how

    def _taken(self, rel):
        return rel in self.taken or rel in self.planned or (self.content / rel).exists()

    # --- addresses ----------------------------------------------------------------------------------
    def new_address(self, folder, slug, lang):
        prefix = "" if lang == self.default_lang else f"/{lang}"
        return f"{prefix}/{slug}/" if folder == "pages" else f"{prefix}/{folder}/{slug}/"

    def old_addresses(self, item):
        """The old site's addresses of an item: its permalink and its attachments' pages (paths), and
        its ?p= / ?page_id= forms (queries: `Aliases: /?p=12` — `_redirects` and nginx's map answer them)."""
        paths, queries = [], [f"?{'page_id' if item.kind == 'page' else 'p'}={item.id}"]
        links = [item.link] + [a.link for a in self.attachments_of(item)]
        for link in links:
            found = site_path(link, self.export.base_url) if link else None
            if not found:
                continue
            path, query = found
            if query:
                queries.append("?" + query)
            elif path != "/":
                paths.append(path)
        return paths, queries

    def attachments_of(self, item):
        return self.children.get(item.id, []) if item.id else []

    # --- files --------------------------------------------------------------------------------------
    def upload_rel(self, url):
        """The path of an uploads URL under wp-content/uploads/, or None."""
        found = site_path(url, self.export.base_url)
        if not found or found[1]:
            return None
        path = unquote(found[0])
        marker = "/wp-content/uploads/"
        return path.split(marker, 1)[1] if marker in path else None

    def copy_upload(self, rel, post_id):
        """The content path of the upload at `rel` (copied once), or None with the problem noted."""
        if rel in self.files:
            return self.files[rel]
        self.files[rel] = None
        if self.uploads is None:
            self.notes.problems.append((post_id, t("no --uploads folder: {file} stays a link to the old site", file=rel)))
            return None
        parts = rel.split("/")
        if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
            self.notes.problems.append((post_id, t("an upload's path leaves the uploads folder: {file}", file=rel[:120])))
            return None
        candidates = [rel]
        sized = SIZED.match(rel)
        if sized:
            candidates.insert(0, sized.group(1) + sized.group(3))  # the original, not WordPress's smaller copy
        for candidate in candidates:
            source = (self.uploads / candidate).resolve()
            if source.is_relative_to(self.uploads) and source.is_file():
                break
        else:
            self.notes.problems.append((post_id, t("not in the uploads folder: {file}", file=rel)))
            return None
        kind = kind_of_name(source.name)
        if kind not in FILE_FOLDERS:
            self.notes.problems.append((post_id, t("{file} is not a PDF or an image the site serves; "
                                                   "it stays a link to the old site", file=rel)))
            return None
        size = source.stat().st_size
        with source.open("rb") as handle:
            head = handle.read(HEAD)
        if size > MAX_FILE or sniff(head) != kind:
            self.notes.problems.append((post_id, t("{file} is not what its name says, or too large; not copied",
                                                   file=rel)))
            return None
        recorded = self.record.get("uploads", {}).get(candidate)
        target = recorded or self._file_target(FILE_FOLDERS[kind], slugs.file_name(source.name))
        self.planned[target] = Planned(target, source.read_bytes(), candidate)
        self.files[rel] = self.files[candidate] = target
        self.notes.files += 1
        return target

    def _file_target(self, folder, name):
        stem, _, ending = name.rpartition(".")
        target, number = f"{folder}/{name}", 1
        while self._taken(target):
            number += 1
            target = f"{folder}/{stem}-{number}.{ending}"
        return target

    # --- the plan -----------------------------------------------------------------------------------
    def plan(self):
        groups = self.groups()
        placed = []
        for members in groups:
            folder, kind, topics = self.placement(members)
            slug, _ = self.slug(members, folder)
            placed.append((members, folder, kind, topics, slug))
            for lang, item in members.items():
                self.planned[f"{folder}/{slug}.{lang}.md"] = None  # reserved; filled below
        self.links = {}
        for members, folder, _, _, slug in placed:
            for lang, item in members.items():
                rel = f"{folder}/{slug}.{lang}.md"
                paths, queries = self.old_addresses(item)
                for path in paths:
                    self.links.setdefault(_normal(path), rel)
                self.links.setdefault(f"?p={item.id}", rel)
                self.links.setdefault(f"?page_id={item.id}", rel)
                for query in queries:
                    self.notes.queries.setdefault(query, self.new_address(folder, slug, lang))
        claimed = {_normal(self.new_address(folder, slug, lang)) for members, folder, _, _, slug in placed
                   for lang in members} | self.listings()
        for members, folder, kind, topics, slug in placed:
            date = min(item.date for item in members.values())
            files = self.group_files(members, kind)
            for lang, item in members.items():
                self.notes.counts[(item.kind, lang)] = self.notes.counts.get((item.kind, lang), 0) + 1
                rel = f"{folder}/{slug}.{lang}.md"
                aliases = self.aliases(item, claimed)
                text = self.item_text(item, lang, date, kind, topics, aliases, alone=len(members) == 1,
                                      files=files)
                self.planned[rel] = Planned(rel, text.encode("utf-8"), f"post {item.id}")
                before = self.record.get("items", {}).get(str(item.id))
                if before and before != rel:
                    self.notes.moved.append((before, rel, item.id))
            if len(members) > 1:
                self.notes.pairs += 1
            else:
                self.notes.single += 1
        return [planned for planned in self.planned.values() if planned is not None]

    def listings(self):
        """Addresses of the new site's own listings and pages that an old address must not claim."""
        names = ("", "authors/", "news/", "publications/", "search/", "subscribe/", "subscribe/thanks/", "topics/",
                 "types/", "data/", "campaigns/", "feeds/")
        found = set()
        for lang in self.languages:
            prefix = "/" if lang == self.default_lang else f"/{lang}/"
            found.update(prefix + name for name in names)
            found.update(f"{prefix}types/{code}/" for code in TYPE_LABELS)
            found.update(f"{prefix}topics/{code}/" for code in self.topics)
        return found

    def aliases(self, item, claimed):
        paths, queries = self.old_addresses(item)
        found = []
        for path in paths + [query_alias(query) for query in queries]:
            if path is None:
                continue  # a query of no WordPress form (?lang=en alone): the record names its new address
            address, problem = check_address(path, reserved=("theme", "images", "pdfs", "_reports", "drafts",
                                                                     "cards", "feeds"), queries=True)
            if address is None:
                self.notes.problems.append((item.id, t("old address {address} cannot redirect: {problem}",
                                                       address=path[:120], problem=problem)))
                continue
            if _normal(address) in claimed:
                continue  # the new page has that address, or another item redirects from it
            claimed.add(_normal(address))
            found.append(address)
        if len(found) > MAX_ALIASES:
            self.notes.problems.append((item.id, t("{count} old addresses; the first {limit} redirect",
                                                   count=len(found), limit=MAX_ALIASES)))
        return found[:MAX_ALIASES]

    def resolver(self, item):
        def resolve(url, is_image):
            url = html.unescape(url.strip())
            rel = self.upload_rel(url)
            if rel is not None:
                target = self.copy_upload(rel, item.id)
                return ("{static}/" + target, None) if target else (url, None)
            found = site_path(url, self.export.base_url)
            if found is not None and not is_image:
                path, query = found
                keys = parse_qs(query)
                for key in QUERY_KEYS[:2]:
                    if key in keys and f"?{key}={keys[key][0]}" in self.links:
                        return "{filename}/" + self.links[f"?{key}={keys[key][0]}"], None
                target = self.links.get(_normal(unquote(path)))
                if target:
                    fragment = urlsplit(url).fragment
                    return "{filename}/" + target + (f"#{fragment}" if fragment else ""), None
                if urlsplit(url).scheme in ("http", "https") or url.startswith("#"):
                    return url, None
                if url.startswith("/"):
                    return self.export.base_url + url, None
            scheme = urlsplit(url).scheme.lower()
            if scheme in ("http", "https", "mailto") or (url.startswith("#") and not is_image):
                if is_image:
                    return url, t("an image on another site became a link to it: {url}", url=url[:120])
                return url, None
            return None, t("a link of a kind the site refuses was removed, its text kept: {url}", url=url[:60])
        return resolve

    def describe(self, url):
        """An image's description from its attachment (its alt text, else its title), for an <img> without one."""
        attachment = self.by_upload.get(self.upload_rel(url) or "-")
        if attachment is None:
            sized = SIZED.match(self.upload_rel(url) or "")
            attachment = self.by_upload.get(sized.group(1) + sized.group(3)) if sized else None
        return (attachment.meta.get("_wp_attachment_image_alt") or attachment.title) if attachment else ""

    def gallery(self, item, resolve):
        def pictures(ids):
            chosen = [self.by_id[i] for i in ids if i in self.by_id] if ids else self.attachments_of(item)
            out = []
            for attachment in chosen:
                if not attachment.attachment_url:
                    continue
                alt = attachment.meta.get("_wp_attachment_image_alt") or attachment.title
                out.append(f'<img src="{html.escape(attachment.attachment_url)}" alt="{html.escape(alt)}">')
            return out
        return pictures

    def group_files(self, members, kind):
        """The cover and PDF of a group (the languages of one item share them): the first member's that has one."""
        files = {}
        for item in members.values():
            files.setdefault("cover", self._attachment_file(item.meta.get("_thumbnail_id"), item.id, "images/"))
            if kind and not files.get("pdf"):
                rels = (self.upload_rel(a.attachment_url) for a in self.attachments_of(item)
                        if a.attachment_url.lower().endswith(".pdf"))
                files["pdf"] = next((target for target in map(lambda rel: self.copy_upload(rel, item.id),
                                                               filter(None, rels)) if target), None)
                if files["pdf"] and len(members) > 1:
                    self.notes.defaults.setdefault("pdf", []).append(item.id)
            if files.get("cover") is None:
                files.pop("cover")
        return files

    def item_text(self, item, lang, date, kind, topics, aliases, alone, files):
        problems = []
        resolve = self.resolver(item)
        body = to_markdown(item.body, lang, resolve, self.gallery(item, resolve), problems, describe=self.describe)
        self.notes.problems.extend((item.id, problem) for problem in problems)
        summary = plain_text(item.excerpt) if item.excerpt else plain_text(item.body)
        title = " ".join(html.unescape(re.sub(r"<[^>]*>", "", item.title)).replace("<", "‹").replace(">", "›").split())
        if not title:
            title = f"{item.kind} {item.id}"
            self.notes.defaults.setdefault("title", []).append(item.id)
        lines = [f"Title: {title}", f"Date: {date[:16]}"]
        if kind:
            lines.append(f"Type: {kind}")
        if topics:
            lines.append("Topics: " + ", ".join(topics))
        if summary:
            lines.append("Summary: " + _summary(summary))
        else:
            self.notes.defaults.setdefault("summary", []).append(item.id)
        if files.get("cover"):
            lines.append(f"Cover: {files['cover']}")
        if files.get("pdf"):
            lines.append(f"PDF: {files['pdf']}")
        if IMPORTED_STATUSES[item.status]:
            lines.append(f"Status: {IMPORTED_STATUSES[item.status]}")
        if alone:
            lines.append("Translation: none")
        if aliases:
            lines.append("Aliases: " + ", ".join(aliases))
        return "\n".join(lines) + "\n\n" + body

    def _attachment_file(self, number, post_id, folder):
        attachment = self.by_id.get(int(number)) if number and number.isdigit() else None
        rel = self.upload_rel(attachment.attachment_url) if attachment else None
        target = self.copy_upload(rel, post_id) if rel else None
        return target if target and target.startswith(folder) else None


def query_alias(query):
    """'/?p=12' of an old address's query '?p=12' or '?lang=en&p=12' (its WordPress key), else None."""
    keys = parse_qs(query.lstrip("?"))
    for key in QUERY_KEYS:
        if keys.get(key) and re.fullmatch(r"[0-9]{1,12}", keys[key][0]):
            return f"/?{key}={int(keys[key][0])}"
    return None


def _normal(path):
    """An old path as links are compared: decoded, lower-case escapes' letters kept, one trailing slash."""
    path = unquote(path)
    return path if path.endswith((".html", ".htm")) else path.rstrip("/") + "/"


def _summary(text):
    """One Markdown line that shows `text` as it is: markup-looking characters escaped, no list or heading start."""
    text = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
    text = re.sub(r"([*_`\[\]])", r"\\\1", text)
    return re.sub(r"^([#>+-]|\d+\.)", r"\\\1", text)
