"""The lunr index of one language, built exactly as lunr.py 0.8.0's Builder builds it, only faster.

lunr.py's Builder wraps every word of every document in a Token, copies its metadata and runs the
pipeline functions on it one by one; on 2,000 items that is most of the search build. Our pipeline
treats each word on its own, so a word always gives the same terms: `analyser.word_terms` works
them out once per distinct word, and this module does the Builder's bookkeeping (postings, field
lengths, BM25 vectors) with plain dicts. lunr.py remains the reference: the JSON of this index
equals lunr.py's for the same documents (tests/test_search_index.py), and Builder's formulas and
orders are followed line for line below.
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


def build(documents, boosts):
    """The index of [{'ref', <field>: text, …}], fields in the order of `boosts` ({field: boost})."""
    fields = list(boosts)
    inverted_index = {}
    term_frequencies = {}  # field ref → {term: count}, in the order Builder.add meets them
    field_lengths = {}
    for document in documents:
        ref = str(document["ref"])
        for field in fields:
            terms = analyse(document[field])
            field_ref = f"{field}/{ref}"
            counts = Counter(terms)  # keys in order of first occurrence, as Builder.add assigns _index
            term_frequencies[field_ref] = counts
            field_lengths[field_ref] = len(terms)
            for term in counts:
                posting = inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in fields}
                    posting["_index"] = len(inverted_index)
                    inverted_index[term] = posting
                posting[field].setdefault(ref, {})  # lunr stores per-term metadata here; we keep none
    return Index(fields, inverted_index, field_vectors(documents, boosts, inverted_index, term_frequencies,
                                                       field_lengths))


def field_vectors(documents, boosts, inverted_index, term_frequencies, field_lengths):
    """BM25 weights as Builder._create_field_vectors computes them, to the last bit: the same
    operations in the same order, rounded to 3 decimals."""
    count = len(documents)
    average_length = {field: sum(field_lengths[f"{field}/{document['ref']}"] for document in documents) / count
                      for field in boosts}
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
