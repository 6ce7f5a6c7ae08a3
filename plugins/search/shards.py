"""One language's term counts (index.py), cut into term-range shards whose bytes depend only on
their own terms (docs/decisions/0005-search-index-sharding.md, 0011-stable-search-files.md).

A shard is a JSON list of its terms, in UTF-16 order, each as [term, postings per field], a
field's postings a flat [ref, count, ref, count, …] sorted by ref: how often the term occurs in
that field of that item. No scores and no term numbers: those depend on every item (the number of
documents, the average field lengths, the order terms were met in), so one edited item would
change every shard. The browser turns a shard into a lunr index when it loads it (engine.js),
computing lunr's BM25 vectors from the counts and the field lengths the manifest carries. lunr
scores a document as the sum over fields of query·vector / |query|; the dot products of disjoint
term ranges add up, so the browser recovers the whole index's exact score from the shards'
scores and their query norms (engine.js, `merge`).

Where a shard ends is decided by its terms alone, not by a running byte count (which would move
every later cut when one shard grows): after a term, with a chance proportional to the term's
own bytes, once the shard holds half the budget. The shards average the budget, and an edit moves
a cut only when it changes a term near one.
"""

import hashlib
import json

from . import index as lunr_index


def utf16_key(term):
    """Order terms as JavaScript compares strings (UTF-16 code units), so the browser's
    binary search over shard boundaries agrees with the order the shards were cut in."""
    return term.encode("utf-16-be")


def to_json(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest(data, length=10):
    return hashlib.sha256(data).hexdigest()[:length]


def chance(term):
    """A number in [0, 1) fixed by the term: where the cuts fall, the same in every build."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "big") / 2 ** 64


def term_groups(costs, budget):
    """Consecutive runs of [(term, bytes)] (in UTF-16 order) of about `budget` bytes each. Once a
    run holds half the budget, it ends after a term with a chance of its bytes over half the
    budget, so the rest of a run averages the other half; a term as big as the budget gets a
    run of its own."""
    half = budget / 2
    groups, current, size = [], [], 0
    for term, cost in costs:
        if cost >= budget and current:
            groups.append(current)
            current, size = [], 0
        current.append(term)
        size += cost
        if cost >= budget or (size >= half and chance(term) * half < cost):
            groups.append(current)
            current, size = [], 0
    if current:
        groups.append(current)
    return groups


def postings(term_frequencies, fields):
    """{term: [[ref, count, …] per field]} of {field ref: Counter}, each field's refs sorted."""
    found = {}
    position = {field: n for n, field in enumerate(fields)}
    for field_ref, counts in term_frequencies.items():
        field, ref = field_ref.split("/", 1)
        for term, count in counts.items():
            found.setdefault(term, [[] for _ in fields])[position[field]].append((ref, count))
    return {term: [[value for pair in sorted(pairs) for value in pair] for pairs in by_field]
            for term, by_field in found.items()}


def boundary(previous_last, first):
    """The shortest start of `first` that still sorts after `previous_last`: the shard's key in the
    manifest. Any key between the two ranges routes terms the same; short keys keep it small."""
    for length in range(1, len(first) + 1):
        key = first[:length]
        if utf16_key(key) > utf16_key(previous_last):
            return key
    return first


class Shards:
    """What build_shards gives: `keys` (shard n covers the terms from keys[n] up to keys[n + 1]),
    `files` (each shard's bytes, in key order) and `lengths` ({ref: [length of each field]})."""

    def __init__(self, keys, files, lengths):
        self.keys, self.files, self.lengths = keys, files, lengths


def build_shards(documents, fields, budget):
    """The shards of [{'ref', <field>: text, …}]."""
    term_frequencies = lunr_index.term_counts(documents, fields)
    lengths = {}
    for field_ref, counts in term_frequencies.items():
        ref = field_ref.split("/", 1)[1]
        lengths.setdefault(ref, []).append(sum(counts.values()))  # fields in order: term_counts goes field by field
    if not documents:
        return Shards([], [], lengths)
    entries = {term: to_json([term, *by_field]) for term, by_field in postings(term_frequencies, fields).items()}
    ordered = sorted(entries, key=utf16_key)
    groups = term_groups([(term, len(entries[term]) + 1) for term in ordered], budget)
    keys = [groups[0][0][:1]] + [boundary(before[-1], terms[0]) for before, terms in zip(groups, groups[1:])]
    files = [b"[" + b",".join(entries[term] for term in terms) + b"]" for terms in groups]
    return Shards(keys, files, lengths)
