/* The search analyser (docs/search-analyser.md), browser side. plugins/search/analyser.py is the
   same specification in Python; tests/test_search_analyser.py runs this very file in Node and
   checks that both give identical tokens.

   Registers three lunr pipeline functions under the labels the Python index names, so
   lunr.Index.load accepts an index serialised by lunr.py:
     hamleh-normalise   NFKC, lowercase, Arabic marks and letter forms, digits → tokens
     hamleh-stop-words  drops Arabic and English stop-words (lists come with the manifest)
     hamleh-stem        light Arabic stemmer, lunr's English stemmer for Latin words */
(function (root, factory) {
  var analyser = factory(root.lunr);
  if (typeof module === "object" && module.exports) module.exports = analyser;
  else root.hamlehSearchAnalyser = analyser;
})(typeof globalThis !== "undefined" ? globalThis : this, function (lunr) {
  "use strict";

  var LABELS = ["hamleh-normalise", "hamleh-stop-words", "hamleh-stem"];

  // Harakat, Quranic marks and tatweel (fathatan apart: it goes a step later with its alif).
  var MARKS = /[\u064C-\u065F\u0670\u0610-\u061A\u06D6-\u06ED\u0640\u00AD\u200C\u200D]/g;
  var TANWEEN_ALIF = /\u064B\u0627|\u0627\u064B/g;
  var FATHATAN = /\u064B/g;
  var LETTERS = Object.create(null);
  [["أإآٱ", "ا"], ["ىی", "ي"], ["ةۀ", "ه"], ["ؤئ", "ء"], ["ک", "ك"]].forEach(function (pair) {
    Array.from(pair[0]).forEach(function (ch) { LETTERS[ch] = pair[1]; });
  });
  for (var d = 0; d < 10; d++) {
    LETTERS[String.fromCharCode(0x0660 + d)] = String(d); // Arabic-Indic digits
    LETTERS[String.fromCharCode(0x06F0 + d)] = String(d); // Persian digits
  }
  var DIGIT_GROUPS = /(?<=[0-9])[,\u066C](?=[0-9])/g;
  var WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
  var LATIN = /[a-z]/;
  var ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"];
  var SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

  function isArabic(ch) {
    var c = ch.codePointAt(0);
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
      (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
  }

  function charClass(ch) {
    if (!WORD_CHAR.test(ch)) return null;
    return isArabic(ch) ? "A" : "W";
  }

  function normaliseText(text) {
    text = text.normalize("NFKC").toLowerCase()
      .replace(MARKS, "").replace(TANWEEN_ALIF, "").replace(FATHATAN, "");
    var out = "";
    for (var ch of text) out += ch in LETTERS ? LETTERS[ch] : ch;
    return out.replace(DIGIT_GROUPS, "");
  }

  function split(text) {
    var tokens = [], current = "", currentClass = null;
    for (var ch of text) {
      var cls = charClass(ch);
      if (cls !== currentClass && current) {
        tokens.push(current);
        current = "";
      }
      if (cls !== null) current += ch;
      currentClass = cls;
    }
    if (current) tokens.push(current);
    return tokens;
  }

  function stripArticle(word, articles) {
    for (var i = 0; i < articles.length; i++) {
      var a = articles[i];
      if (word.startsWith(a) && word.length - a.length >= 2) return word.slice(a.length);
    }
    return null;
  }

  function stemArabic(word) {
    var stripped = stripArticle(word, ARTICLES);
    if (stripped !== null) word = stripped;
    else if (word.startsWith("و") && word.length >= 4) {
      word = word.slice(1);
      stripped = stripArticle(word, ARTICLES.slice(1));
      if (stripped !== null) word = stripped;
    }
    // Suffixes until none is left (Light10 goes once; again after each removal, فلسطين and
    // فلسطيني meet).
    var removed = true;
    while (removed) {
      removed = false;
      for (var i = 0; i < SUFFIXES.length; i++) {
        var s = SUFFIXES[i];
        if (word.endsWith(s) && word.length - s.length >= 2) {
          word = word.slice(0, -s.length);
          removed = true;
          break;
        }
      }
    }
    return word;
  }

  function stemWord(word) {
    if (isArabic(word)) return stemArabic(word);
    if (LATIN.test(word)) return lunr.stemmer(new lunr.Token(word)).toString();
    return word; // digits, other scripts
  }

  var stopWords = new Set();

  function useStopWords(lines) {
    var words = new Set();
    lines.forEach(function (line) {
      split(normaliseText(line)).forEach(function (w) { words.add(w); });
    });
    stopWords = words;
  }

  function normalise(token) {
    return split(normaliseText(token.toString())).map(function (part) {
      return new lunr.Token(part, token.metadata);
    });
  }

  function dropStopWords(token) {
    return stopWords.has(token.toString()) ? undefined : token;
  }

  function stem(token) {
    return token.update(stemWord);
  }

  var functions = [normalise, dropStopWords, stem];
  functions.forEach(function (fn, i) { lunr.Pipeline.registerFunction(fn, LABELS[i]); });
  var pipeline = new lunr.Pipeline();
  pipeline.add.apply(pipeline, functions);

  /* The terms of a text, exactly as the Python index builder sees them. */
  function analyse(text) {
    return pipeline.run(lunr.tokenizer(String(text))).map(String);
  }

  return {
    labels: LABELS,
    analyse: analyse,
    useStopWords: useStopWords,
    normaliseText: normaliseText,
    split: split,
    stemWord: stemWord,
    isWordChar: function (ch) { return WORD_CHAR.test(ch); }
  };
});
