"""The term counts of one language's documents, and the lunr index they make, exactly as lunr.py
0.8.0's Builder builds it, only faster.

lunr.py's Builder wraps every word of every document in a Token, copies its metadata and runs the
pipeline functions on it one by one; on 2,000 items that is most of the search build. Our pipeline
treats each word on its own, so a word always gives the same terms: `analyser.word_terms` works
them out once per distinct word, and this module does the Builder's bookkeeping (postings, field
lengths, BM25 vectors) with plain dicts.

The shards publish the counts (`term_counts`), not the vectors: a BM25 score depends on the number
of documents and the average field lengths, so one edited item would change every score of the
index. The browser computes the vectors from the counts when it loads a shard (engine.js), with
Builder's formula, as `field_vectors` does here. lunr.py remains the reference: the JSON of this
index equals lunr.py's for the same documents (tests/test_search_index.py), and Builder's formulas
and orders are followed line for line below.
"""

import math
from collections import Counter

from .analyser import LABELS, analyse

# lunr's defaults (Builder._k1, Builder._b): term frequency saturation, field length normalisation
K1 = 1.2
B = 0.75


class Index:
    """What a lunr index holds: postings by term (with each term's `_index`, in order of first
    appearance), and for each field ref ("field/ref") its vector as lunr serialises it, a flat
    [term index, score, term index, score, …] sorted by term index."""

    def __init__(self, fields, inverted_index, field_vectors):
        self.fields = fields
        self.inverted_index = inverted_index
        self.field_vectors = field_vectors

    def serialize(self):
        """The index as lunr.Index.serialize() writes it (lunr.js's format)."""
        return {
            "version": "2.3.9",
            "fields": self.fields,
            "fieldVectors": [[field_ref, vector] for field_ref, vector in self.field_vectors.items()],
            "invertedIndex": [[term, self.inverted_index[term]] for term in sorted(self.inverted_index)],
            "pipeline": list(LABELS),
        }


def term_counts(documents, fields):
    """{field ref ("field/ref"): Counter of its terms}, what Builder.add records: field refs in
    document and field order, each Counter's keys in order of first occurrence. The published
    shards hold these counts (not scores), and the field lengths are their totals."""
    counts = {}
    for document in documents:
        ref = str(document["ref"])
        for field in fields:
            counts[f"{field}/{ref}"] = Counter(analyse(document[field]))
    return counts


def build(documents, boosts):
    """The index of [{'ref', <field>: text, …}], fields in the order of `boosts` ({field: boost})."""
    return from_counts(term_counts(documents, list(boosts)), boosts)


def from_counts(term_frequencies, boosts, field_lengths=None):
    """The lunr index of term counts ({field ref: Counter}, as term_counts gives), with its BM25
    vectors. `field_lengths` ({field ref: length}) defaults to the counts' totals; a reader of
    one shard's counts passes the whole documents' lengths."""
    fields = list(boosts)
    inverted_index = {}
    for field_ref, counts in term_frequencies.items():
        field, ref = field_ref.split("/", 1)
        for term in counts:
            posting = inverted_index.get(term)
            if posting is None:
                posting = {name: {} for name in fields}
                posting["_index"] = len(inverted_index)
                inverted_index[term] = posting
            posting[field].setdefault(ref, {})  # lunr stores per-term metadata here; we keep none
    if field_lengths is None:
        field_lengths = {field_ref: sum(counts.values()) for field_ref, counts in term_frequencies.items()}
    return Index(fields, inverted_index, field_vectors(boosts, inverted_index, term_frequencies, field_lengths))


def field_vectors(boosts, inverted_index, term_frequencies, field_lengths):
    """BM25 weights as Builder._create_field_vectors computes them, to the last bit: the same
    operations in the same order, rounded to 3 decimals. engine.js (`vectors`) does the same in
    the browser from the published counts and lengths."""
    count = len(field_lengths) // len(boosts)
    average_length = {field: 0 for field in boosts}
    for field_ref, length in field_lengths.items():  # integers: the order of the sum does not matter
        average_length[field_ref.split("/", 1)[0]] += length
    average_length = {field: total / count for field, total in average_length.items()}
    idf = {}
    for term, posting in inverted_index.items():
        with_term = sum(len(refs) for name, refs in posting.items() if name != "_index")  # lunr.idf.idf
        x = (count - with_term + 0.5) / (with_term + 0.5)
        idf[term] = math.log(1 + abs(x))
    vectors = {}
    for field_ref, counts in term_frequencies.items():
        if not counts:  # an empty field: lunr.py's loop never runs, so never divides by an average of 0
            vectors[field_ref] = []
            continue
        field = field_ref.split("/", 1)[0]
        boost = boosts[field]
        # Builder's denominator is k1 * (1 - b + b * (length / average)) + tf; the part before "+ tf"
        # is the same for every term of the field, and computing it first gives the same float.
        length_norm = K1 * (1 - B + B * (field_lengths[field_ref] / average_length[field]))
        elements = []
        for term, tf in counts.items():
            score = idf[term] * ((K1 + 1) * tf) / (length_norm + tf)
            score *= boost
            elements.append((inverted_index[term]["_index"], round(score, 3)))
        elements.sort()
        vectors[field_ref] = [value for element in elements for value in element]
    return vectors
