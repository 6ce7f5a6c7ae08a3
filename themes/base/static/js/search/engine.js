/* The search engine: finds which shards a query needs, loads them with lunr.Index.load, runs the
   query on each and adds up the scores (docs/decisions/0005-search-index-sharding.md).
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
     disjoint terms, so their dot products (score × own norm) add up, over the whole norm. */
  function merge(results) {
    var dots = new Map(), squares = 0;
    results.forEach(function (result) {
      squares += result.norm * result.norm;
      result.hits.forEach(function (hit) { dots.set(hit.ref, (dots.get(hit.ref) || 0) + hit.score * result.norm); });
    });
    var norm = Math.sqrt(squares), hits = [];
    dots.forEach(function (dot, ref) { hits.push({ref: ref, score: dot / norm, order: parseInt(ref, 16)}); });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits;
  }

  function create(analyser, manifestUrl, fetchJson) {
    var base = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
    var manifest = null, shards = new Map(), documents = new Map();

    function loadManifest() {
      if (!manifest) {
        manifest = fetchJson(manifestUrl).then(function (data) {
          analyser.useStopWords(data.stopWords);
          return data;
        });
        manifest.catch(function () { manifest = null; }); // a failed fetch may be retried
      }
      return manifest;
    }

    function loadShard(data, i) {
      if (!shards.has(i)) {
        var loading = fetchJson(base + data.shards + i + ".json").then(function (json) { return lunr.Index.load(json); });
        loading.catch(function () { shards.delete(i); });
        shards.set(i, loading);
      }
      return shards.get(i);
    }

    /* [{ref, score, order}], best first; equal scores keep the build's order (newest first). */
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
      return merge(indexes.map(function (index, n) { return searchShard(index, plan.get(ids[n])); }));
    }

    function document(ref) {
      if (!documents.has(ref)) {
        var loading = loadManifest().then(function (data) { return fetchJson(base + data.docs + ref + ".json"); });
        loading.catch(function () { documents.delete(ref); });
        documents.set(ref, loading);
      }
      return documents.get(ref);
    }

    return {run: run, document: document, parse: function (query) { return parse(analyser, query); }};
  }

  return {create: create, parse: parse, shardFor: shardFor, shardsForPrefix: shardsForPrefix};
});
