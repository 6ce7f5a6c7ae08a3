"""incremental: rebuild only what changed, with the output byte for byte a cold build's.

Not a Pelican plugin: the bilingual build driver and its writer call it. How it works and why it
is safe: docs/decisions/0012-incremental-builds.md. In short —

- `trace`: while a page renders, every name its templates look up (and every question asked of the
  SiteIndex) is noted, with the files written on the side (share cards, chart images);
- `digest`: the value of each such name as a hash (an item: its HTML, metadata, URL, translations);
- `record`: per output file, the key (a hash of the environment and of those values) and what the
  render looked up, kept in `.cache/build/`; a page whose key is unchanged is not rendered again:
  its previous file is linked into the new output;
- `inputs`: the signature of every input of a build, so a build with nothing changed does nothing.
"""
