/* The search engine: finds which shards a query needs, turns each into a lunr index, runs the
   query on each and adds up the scores (docs/decisions/0005-search-index-sharding.md and
   0011-stable-search-files.md).
   No DOM here: the page (page.js) and the Node test runner both use it, each with its own fetch. */
(function (root, factory) {
  var engine = factory(root.lunr);
  if (typeof module === "object" && module.exports) module.exports = engine;
  else root.hamlehSearchEngine = engine;
})(typeof globalThis !== "undefined" ? globalThis : this, function (lunr) {
  "use strict";

  var MAX_TERMS = 20; // a pasted paragraph still searches, on its first 20 distinct words
  var MAX_PREFIX_SHARDS = 3; // a prefix spanning more shards than this is searched as a whole word
  var PREFIX_BOOST = 0.5; // "report…" finds "reporting", below the exact word
  var K1 = 1.2, B = 0.75; // lunr.Builder's defaults: term frequency saturation, field length normalisation

  /* Index of the shard whose range holds `term`: the last one whose key sorts at or before it. */
  function shardFor(keys, term) {
    var lo = 0, hi = keys.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (keys[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* Shards that may hold terms starting with `prefix`: those of `prefix` up to `prefix` + U+FFFF. */
  function shardsForPrefix(keys, prefix) {
    var found = [];
    for (var i = shardFor(keys, prefix), last = shardFor(keys, prefix + "\uffff"); i <= last; i++) found.push(i);
    return found;
  }

  /* The terms of a query, and whether its last word is still being typed (then it is a prefix). */
  function parse(analyser, query) {
    var text = String(query == null ? "" : query);
    var terms = [];
    analyser.analyse(text).forEach(function (term) {
      if (terms.indexOf(term) < 0 && terms.length < MAX_TERMS) terms.push(term);
    });
    var chars = Array.from(text);
    var open = chars.length > 0 && analyser.isWordChar(chars[chars.length - 1]);
    var lastWord = analyser.analyse(text.split(/\s+/).filter(Boolean).pop() || "").pop();
    var prefix = open && lastWord && lastWord.length >= 2 && terms.indexOf(lastWord) >= 0 ? lastWord : null;
    return {terms: terms, prefix: prefix};
  }

  /* One shard's hits, and the norm of the query vector lunr divided them by: the boosts of the
     query terms this shard holds (an exact word and a prefix reaching the same term add up). */
  function searchShard(index, clauses) {
    var weights = new Map();
    function weigh(term, boost) {
      if (term in index.invertedIndex) weights.set(term, (weights.get(term) || 0) + boost);
    }
    clauses.exact.forEach(function (term) { weigh(term, 1); });
    if (clauses.prefix) {
      index.tokenSet.intersect(lunr.TokenSet.fromString(clauses.prefix + "*")).toArray()
        .forEach(function (term) { weigh(term, PREFIX_BOOST); });
    }
    var squares = 0;
    weights.forEach(function (w) { squares += w * w; });
    var hits = squares === 0 ? [] : index.query(function (q) {
      clauses.exact.forEach(function (term) { q.term(term, {usePipeline: false}); });
      if (clauses.prefix) {
        q.term(clauses.prefix, {usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: PREFIX_BOOST});
      }
    });
    return {hits: hits, norm: Math.sqrt(squares)};
  }

  /* The whole index's scores: lunr scores a document as Σ query·vector / |query|; shards hold
     disjoint terms, so their dot products (score × own norm) add up, over the whole norm.
     Equal scores keep the manifest's order of refs (newest first). */
  function merge(results, stats) {
    var dots = new Map(), squares = 0;
    results.forEach(function (result) {
      squares += result.norm * result.norm;
      result.hits.forEach(function (hit) { dots.set(hit.ref, (dots.get(hit.ref) || 0) + hit.score * result.norm); });
    });
    var norm = Math.sqrt(squares), hits = [];
    dots.forEach(function (dot, ref) { hits.push({ref: ref, score: dot / norm, order: stats.position.get(ref)}); });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits;
  }

  /* What every shard's vectors need from the manifest: where each ref sits in it (its field
     lengths, its rank among equal scores) and the average length of each field. */
  function statistics(data) {
    var fields = data.fields.length, count = data.refs.length, position = new Map(), averages = [];
    data.refs.forEach(function (ref, n) { position.set(ref, n); });
    for (var f = 0; f < fields; f++) {
      var total = 0; // whole numbers: the sum is exact in any order, as in lunr.Builder
      for (var n = 0; n < count; n++) total += data.lengths[n * fields + f];
      averages.push(total / count);
    }
    return {position: position, averages: averages, count: count};
  }

  /* A shard's lunr index, as lunr.Builder would have built it on the whole site restricted to the
     shard's terms: the same BM25 formula, operations in the same order, idf from the postings,
     scores rounded to 3 decimals (lunr.Builder.createFieldVectors; search/index.py's
     field_vectors, which tests hold equal to lunr.py's). Terms are numbered within the shard:
     only the shard's own query and vectors meet. */
  function shardIndex(data, stats, terms) {
    var fields = data.fields, invertedIndex = Object.create(null), elements = Object.create(null);
    var builder = new lunr.TokenSet.Builder();
    terms.forEach(function (entry, termIndex) {
      var term = entry[0], posting = {_index: termIndex}, withTerm = 0, f, i;
      for (f = 0; f < fields.length; f++) withTerm += entry[f + 1].length / 2;
      var x = (stats.count - withTerm + 0.5) / (withTerm + 0.5);
      var idf = Math.log(1 + Math.abs(x));
      for (f = 0; f < fields.length; f++) {
        var found = entry[f + 1], docs = {};
        for (i = 0; i < found.length; i += 2) {
          var ref = found[i], tf = found[i + 1], fieldRef = fields[f] + "/" + ref;
          var length = data.lengths[stats.position.get(ref) * fields.length + f];
          var score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / stats.averages[f])) + tf);
          score *= data.boosts[f];
          docs[ref] = {};
          (elements[fieldRef] || (elements[fieldRef] = [])).push(termIndex, Math.round(score * 1000) / 1000);
        }
        posting[fields[f]] = docs;
      }
      invertedIndex[term] = posting;
      builder.insert(term); // terms come in UTF-16 order, as the builder needs
    });
    builder.finish();
    var fieldVectors = Object.create(null);
    Object.keys(elements).forEach(function (fieldRef) { fieldVectors[fieldRef] = new lunr.Vector(elements[fieldRef]); });
    // Every query clause runs with usePipeline: false, so the index needs no pipeline.
    return new lunr.Index({invertedIndex: invertedIndex, fieldVectors: fieldVectors, tokenSet: builder.root,
                           fields: fields, pipeline: new lunr.Pipeline()});
  }

  function create(analyser, manifestUrl, fetchJson) {
    var base = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
    var manifest = null, shards = new Map(), documents = new Map();

    function loadManifest() {
      if (!manifest) {
        manifest = fetchJson(manifestUrl).then(function (data) {
          analyser.useStopWords(data.stopWords);
          data.stats = statistics(data);
          return data;
        });
        manifest.catch(function () { manifest = null; }); // a failed fetch may be retried
      }
      return manifest;
    }

    function loadShard(data, i) {
      if (!shards.has(i)) {
        var loading = fetchJson(base + "shards/" + data.shards[i] + ".json").then(function (terms) {
          return shardIndex(data, data.stats, terms);
        });
        loading.catch(function () { shards.delete(i); });
        shards.set(i, loading);
      }
      return shards.get(i);
    }

    /* [{ref, score, order}], best first; equal scores keep the manifest's order (newest first). */
    async function run(query) {
      var data = await loadManifest();
      var parsed = parse(analyser, query);
      if (!parsed.terms.length || !data.keys.length) return [];
      var plan = new Map(); // shard → {exact: [terms], prefix: term or null}
      function want(i) {
        if (!plan.has(i)) plan.set(i, {exact: [], prefix: null});
        return plan.get(i);
      }
      parsed.terms.forEach(function (term) { want(shardFor(data.keys, term)).exact.push(term); });
      if (parsed.prefix) {
        var spanned = shardsForPrefix(data.keys, parsed.prefix);
        if (spanned.length <= MAX_PREFIX_SHARDS) spanned.forEach(function (i) { want(i).prefix = parsed.prefix; });
      }
      var ids = Array.from(plan.keys());
      var indexes = await Promise.all(ids.map(function (i) { return loadShard(data, i); }));
      return merge(indexes.map(function (index, n) { return searchShard(index, plan.get(ids[n])); }), data.stats);
    }

    function document(ref) {
      if (!documents.has(ref)) {
        var loading = fetchJson(base + "docs/" + ref + ".json");
        loading.catch(function () { documents.delete(ref); });
        documents.set(ref, loading);
      }
      return documents.get(ref);
    }

    return {run: run, document: document, parse: function (query) { return parse(analyser, query); }};
  }

  return {create: create, parse: parse, shardFor: shardFor, shardsForPrefix: shardsForPrefix};
});
