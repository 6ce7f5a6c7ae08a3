/* Runs the browser's search code in Node for the tests: the very files the site serves.

   node tests/search_runner.js analyse < {"stopWords": [...], "texts": [...]}   → [[term, …], …]
   node tests/search_runner.js search SITE_DIR LANG < {"queries": [...]}      → [[{ref, url, score}, …], …]
   node tests/search_runner.js cold SITE_DIR LANG < {"queries": [...]}        → [[fetched path, …], …]
     (each query in a fresh engine, as a first query: the files it fetches before its first ten results)
*/
"use strict";
const fs = require("fs");
const path = require("path");

const js = path.join(__dirname, "..", "themes", "base", "static", "js");
globalThis.lunr = require(path.join(js, "vendor", "lunr-2.3.9.min.js"));
const analyser = require(path.join(js, "search", "analyser.js"));

async function main() {
  const input = JSON.parse(fs.readFileSync(0, "utf-8"));
  const command = process.argv[2];
  if (command === "analyse") {
    analyser.useStopWords(input.stopWords);
    return input.texts.map(analyser.analyse);
  }
  if (command === "search" || command === "cold") {
    const engine = require(path.join(js, "search", "engine.js"));
    const site = process.argv[3];
    const lang = process.argv[4];
    const prefix = lang === input.mainLang ? "" : lang + "/";
    const page = fs.readFileSync(path.join(site, prefix, "search", "index.html"), "utf-8");
    const manifest = /data-search-manifest="([^"]+)"/.exec(page)[1];
    const fetched = [];
    const fetchFile = async (url) => {
      fetched.push(url);
      return JSON.parse(fs.readFileSync(path.join(site, url.replace(/^\//, "")), "utf-8"));
    };
    let search = engine.create(analyser, manifest, fetchFile);
    const results = [];
    for (const query of input.queries) {
      if (command === "cold") {
        search = engine.create(analyser, manifest, fetchFile);
        fetched.length = 0;
        const found = await search.run(query);
        await Promise.all(found.slice(0, 10).map((hit) => search.document(hit.ref)));
        results.push(fetched.slice());
        continue;
      }
      const found = await search.run(query);
      const docs = await Promise.all(found.slice(0, input.top || 10).map((hit) => search.document(hit.ref)));
      results.push(found.slice(0, input.top || 10).map((hit, i) => ({ref: hit.ref, score: hit.score, url: docs[i].url})));
    }
    return results;
  }
  throw new Error("unknown command " + command);
}

main().then((result) => process.stdout.write(JSON.stringify(result)), (error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
