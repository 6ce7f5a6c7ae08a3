/* The search page: reads ?q=, searches as the visitor types, shows results with highlighted
   snippets and a count announced to screen readers. Every string comes from the page's data-*
   attributes, in the page's language; every result is built with DOM calls, never as HTML. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var TYPING_DELAY = 150; // ms of quiet before searching while typing
  var SNIPPET_WORDS = 28;
  var WORD = /[\p{L}\p{M}\p{N}]+(?:[,\u066C][\p{N}]+)*/gu; // digit groups stay one word, as in the analyser

  var form = document.querySelector("[data-search-form]");
  if (!form || !window.lunr || !window.hamlehSearchAnalyser || !window.hamlehSearchEngine) return;
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var help = document.querySelector("[data-search-help]");
  var other = document.querySelector("[data-search-other]");
  var lang = form.dataset.lang;
  var siteUrl = form.dataset.siteUrl || "";
  var numbers = new Intl.NumberFormat(lang, {numberingSystem: form.dataset.numerals || "latn"});
  var plurals = new Intl.PluralRules(lang);
  var analyser = window.hamlehSearchAnalyser;

  function fetchJson(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  var engine = window.hamlehSearchEngine.create(analyser, form.dataset.searchManifest, fetchJson);
  var generation = 0; // only the latest search may write to the page
  var current = null; // {query, hits, shown, parsed}

  function message(name, values) {
    var text = form.dataset[name] || "";
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  function countMessage(count, query) {
    var key = "msgCount" + plurals.select(count).replace(/^./, function (c) { return c.toUpperCase(); });
    return message(form.dataset[key] ? key : "msgCountOther", {count: numbers.format(count), query: query});
  }

  function matcher(parsed) {
    var terms = new Set(parsed.terms);
    return function (word) {
      return analyser.analyse(word).some(function (term) {
        return terms.has(term) || (parsed.prefix !== null && term.startsWith(parsed.prefix));
      });
    };
  }

  /* Appends text to an element, each matching word wrapped in <mark>. */
  function appendMarked(element, text, isMatch) {
    var last = 0;
    text.replace(WORD, function (word, offset) {
      if (isMatch(word)) {
        if (offset > last) element.appendChild(document.createTextNode(text.slice(last, offset)));
        var mark = document.createElement("mark");
        mark.textContent = word;
        element.appendChild(mark);
        last = offset + word.length;
      }
      return word;
    });
    if (last < text.length) element.appendChild(document.createTextNode(text.slice(last)));
  }

  /* The stretch of text with the most matching words (the start when none match). */
  function snippet(text, isMatch) {
    var words = [];
    text.replace(WORD, function (word, offset) { words.push({start: offset, end: offset + word.length, hit: isMatch(word)}); return word; });
    if (words.length <= SNIPPET_WORDS) return text;
    var best = 0, bestHits = -1, hits = 0;
    for (var i = 0; i < words.length; i++) {
      hits += words[i].hit ? 1 : 0;
      if (i >= SNIPPET_WORDS) hits -= words[i - SNIPPET_WORDS].hit ? 1 : 0;
      var start = Math.max(0, i - SNIPPET_WORDS + 1);
      if (i >= SNIPPET_WORDS - 1 && hits > bestHits) { bestHits = hits; best = start; }
    }
    if (bestHits > 0 && !words[best].hit) best = Math.max(0, best - 3); // a little context before the first match
    var end = Math.min(words.length, best + SNIPPET_WORDS) - 1;
    return (best > 0 ? "… " : "") + text.slice(words[best].start, words[end].end) + (end < words.length - 1 ? " …" : "");
  }

  function resultItem(doc, isMatch) {
    var item = document.createElement("li");
    item.className = "search-result";
    var meta = document.createElement("p");
    meta.className = "search-result__meta";
    var kind = document.createElement("span");
    kind.className = "badge badge--plain";
    kind.textContent = doc.kind;
    meta.appendChild(kind);
    if (doc.datetime) {
      var time = document.createElement("time");
      time.dateTime = doc.datetime;
      time.textContent = doc.date;
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(time);
    }
    var heading = document.createElement("h2");
    heading.className = "search-result__title";
    var link = document.createElement("a");
    link.href = siteUrl + "/" + doc.url;
    appendMarked(link, doc.title, isMatch);
    heading.appendChild(link);
    var text = document.createElement("p");
    text.className = "search-result__snippet";
    appendMarked(text, snippet(doc.text, isMatch), isMatch);
    item.append(heading, meta, text);
    return item;
  }

  async function showMore(mine) {
    var page = current.hits.slice(current.shown, current.shown + PAGE_SIZE);
    var docs = await Promise.all(page.map(function (hit) { return engine.document(hit.ref); }));
    if (mine !== generation) return;
    var isMatch = matcher(current.parsed);
    docs.forEach(function (doc) { list.appendChild(resultItem(doc, isMatch)); });
    current.shown += page.length;
    more.hidden = current.shown >= current.hits.length;
  }

  function setOtherLink(query) {
    [other].concat(Array.from(document.querySelectorAll(".lang-switch a[hreflang]"))).forEach(function (a) {
      if (!a) return;
      var url = new URL(a.href, location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      a.href = url.pathname + url.search;
    });
  }

  /* Says what happened; data-search-query tells tests and styles which query the list shows. */
  function finish(text, query, showHelp) {
    status.textContent = text;
    help.hidden = !showHelp;
    list.setAttribute("data-search-query", query);
  }

  async function search(query) {
    var mine = ++generation;
    var trimmed = query.trim();
    setOtherLink(trimmed);
    list.removeAttribute("data-search-query");
    if (!trimmed) {
      list.replaceChildren();
      more.hidden = true;
      finish("", "", false);
      return;
    }
    status.textContent = message("msgSearching", {});
    try {
      var hits = await engine.run(query);
      if (mine !== generation) return;
      current = {query: trimmed, hits: hits, shown: 0, parsed: engine.parse(query)};
      list.replaceChildren();
      more.hidden = true;
      if (!current.parsed.terms.length) return finish(message("msgEmpty", {}), trimmed, true);
      if (!hits.length) return finish(message("msgNone", {query: trimmed}), trimmed, true);
      await showMore(mine);
      if (mine === generation) finish(countMessage(hits.length, trimmed), trimmed, false);
    } catch (error) {
      if (mine !== generation) return;
      finish(message("msgFailed", {}), trimmed, false);
      if (window.console) console.error(error);
    }
  }

  function remember(query) {
    var url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url.pathname + url.search);
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      remember(input.value);
      search(input.value);
    }, TYPING_DELAY);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value);
    search(input.value);
  });
  more.addEventListener("click", function () {
    var next = list.children.length;
    showMore(generation).then(function () {
      var link = list.children[next] && list.children[next].querySelector("a");
      if (link) link.focus(); // keyboard users land on the first new result
    });
  });

  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  if (initial.trim()) search(initial);
})();
