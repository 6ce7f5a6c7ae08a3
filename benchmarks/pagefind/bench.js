// Benchmark only: Pagefind's own JavaScript API, showing the first 10 results like our search page.
const list = document.querySelector("[data-search-results]");
const query = new URLSearchParams(location.search).get("q") || "";
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(query);
const data = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
for (const item of data) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = item.url;
  a.textContent = item.meta.title;
  const p = document.createElement("p");
  p.innerHTML = item.excerpt;
  li.append(a, p);
  list.append(li);
}
list.dataset.searchQuery = query.trim();
