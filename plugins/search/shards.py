"""One lunr index per language, built by lunr.py, cut into term-range shards (docs/decisions/0002).

Each shard is a complete lunr.js index: the terms of one alphabetical range with their postings,
and, for every document field holding one of those terms, that part of its vector. lunr scores
a document as the sum over fields of query·vector / |query|; the dot products of disjoint term
ranges add up, so the browser recovers the whole index's exact score from the shards' scores
and their query norms (engine.js, `merge`).
"""

import hashlib
import json

from lunr.builder import Builder

from . import analyser


def utf16_key(term):
    """Order terms as JavaScript compares strings (UTF-16 code units), so the browser's
    binary search over shard boundaries agrees with the order the shards were cut in."""
    return term.encode("utf-16-be")


def build_index(documents, boosts):
    """A lunr.py index of [{'ref', 'title', 'headings', 'body'}], analysed by our pipeline."""
    builder = Builder()
    builder.pipeline.add(*analyser.PIPELINE_FUNCTIONS)
    builder.search_pipeline.add(*analyser.PIPELINE_FUNCTIONS)
    builder.ref("ref")
    for field, boost in boosts.items():
        builder.field(field, boost=boost)
    for document in documents:
        builder.add(document)
    return builder.build()


def to_json(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest(data, length=10):
    return hashlib.sha256(data).hexdigest()[:length]


def term_groups(inverted_index, budget):
    """Consecutive runs of terms (in UTF-16 order) whose postings fit the byte budget."""
    groups, current, size = [], [], 0
    for term in sorted(inverted_index, key=utf16_key):
        posting = inverted_index[term]
        refs = sum(len(posting[field]) for field in posting if field != "_index")
        cost = len(to_json([term, posting])) + 16 * refs  # posting + its share of field vectors
        if current and size + cost > budget:
            groups.append(current)
            current, size = [], 0
        current.append(term)
        size += cost
    if current:
        groups.append(current)
    return groups


def shard_data(index, terms, vectors):
    """The serialised lunr index of one term range."""
    indexes = {index.inverted_index[t]["_index"] for t in terms}
    field_refs = sorted({f"{field}/{ref}" for t in terms for field, refs in index.inverted_index[t].items()
                         if field != "_index" for ref in refs})
    field_vectors = []
    for field_ref in field_refs:
        elements = vectors[field_ref]
        field_vectors.append([field_ref, [x for i in range(0, len(elements), 2) if elements[i] in indexes
                                          for x in elements[i:i + 2]]])
    return {
        "version": "2.3.9",
        "fields": index.fields,
        "fieldVectors": field_vectors,
        "invertedIndex": [[t, index.inverted_index[t]] for t in terms],
        "pipeline": list(analyser.LABELS),
    }


def build_shards(documents, boosts, budget):
    """(index, manifest entries [[first term, file name]], {file name: bytes}) for the documents."""
    if not documents:
        return None, [], {}  # a language with nothing published yet: lunr cannot build an empty index
    index = build_index(documents, boosts)
    vectors = {field_ref: vector.serialize() for field_ref, vector in index.field_vectors.items()}
    entries, files = [], {}
    for terms in term_groups(index.inverted_index, budget):
        data = to_json(shard_data(index, terms, vectors))
        name = f"shard.{digest(data)}.json"
        files[name] = data
        entries.append([terms[0], name])
    return index, entries, files
