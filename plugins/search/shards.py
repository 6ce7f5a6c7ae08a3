"""One lunr index per language (index.py: what lunr.py builds), cut into term-range shards
(docs/decisions/0005-search-index-sharding.md).

Each shard is a complete lunr.js index: the terms of one alphabetical range with their postings,
and, for every document field holding one of those terms, that part of its vector. lunr scores
a document as the sum over fields of query·vector / |query|; the dot products of disjoint term
ranges add up, so the browser recovers the whole index's exact score from the shards' scores
and their query norms (engine.js, `merge`).
"""

import hashlib
import json

from . import analyser, index as lunr_index


def utf16_key(term):
    """Order terms as JavaScript compares strings (UTF-16 code units), so the browser's
    binary search over shard boundaries agrees with the order the shards were cut in."""
    return term.encode("utf-16-be")


def to_json(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest(data, length=10):
    return hashlib.sha256(data).hexdigest()[:length]


def term_groups(inverted_index, budget):
    """Consecutive runs of terms (in UTF-16 order) whose shard JSON stays near the byte budget:
    each term costs its posting, about 10 bytes per vector element, and about 14 bytes for each
    document field it brings into the shard's field vectors."""
    groups, current, size, field_refs = [], [], 0, set()
    for term in sorted(inverted_index, key=utf16_key):
        posting = inverted_index[term]
        refs = {f"{field}/{ref}" for field in posting if field != "_index" for ref in posting[field]}
        cost = len(to_json([term, posting])) + 10 * len(refs) + 14 * len(refs - field_refs)
        if current and size + cost > budget:
            groups.append(current)
            current, size, field_refs = [], 0, set()
            cost = len(to_json([term, posting])) + 24 * len(refs)
        current.append(term)
        size += cost
        field_refs |= refs
    if current:
        groups.append(current)
    return groups


def shard_vectors(index, groups):
    """For each group of terms, {field ref: the elements of its vector for those terms}.

    One pass over every vector: the element of term index i goes to the shard holding term i. A few
    hundred thousand elements per language, so the loop is kept lean: the shard of each term index
    in a list, and each field's elements gathered per shard before they are handed over."""
    shard_of = [0] * len(index.inverted_index)
    for n, terms in enumerate(groups):
        for term in terms:
            shard_of[index.inverted_index[term]["_index"]] = n
    parts = [{} for _ in groups]
    for field_ref, elements in index.field_vectors.items():
        by_shard = {}
        pairs = iter(elements)
        for term_index, score in zip(pairs, pairs):
            shard = shard_of[term_index]
            if shard in by_shard:
                by_shard[shard] += (term_index, score)
            else:
                by_shard[shard] = [term_index, score]
        for shard, vector in by_shard.items():
            parts[shard][field_ref] = vector
    return parts


def shard_data(index, terms, vectors):
    """The serialised lunr index of one term range."""
    return {
        "version": "2.3.9",
        "fields": index.fields,
        "fieldVectors": [[field_ref, vectors[field_ref]] for field_ref in sorted(vectors)],
        "invertedIndex": [[t, index.inverted_index[t]] for t in terms],
        "pipeline": list(analyser.LABELS),
    }


def boundary(previous_last, first):
    """The shortest start of `first` that still sorts after `previous_last`: the shard's key in the
    manifest. Any key between the two ranges routes terms the same; short keys keep it small."""
    for length in range(1, len(first) + 1):
        key = first[:length]
        if utf16_key(key) > utf16_key(previous_last):
            return key
    return first


def build_shards(documents, boosts, budget):
    """([shard key], [shard bytes]) for the documents; shard n covers the terms from its key up to
    the next shard's key."""
    if not documents:
        return [], []  # a language with nothing published yet: lunr cannot build an empty index
    index = lunr_index.build(documents, boosts)
    groups = term_groups(index.inverted_index, budget)
    keys = [groups[0][0][:1]] + [boundary(before[-1], terms[0]) for before, terms in zip(groups, groups[1:])]
    shards = [to_json(shard_data(index, terms, vectors)) for terms, vectors in zip(groups, shard_vectors(index, groups))]
    return keys, shards
