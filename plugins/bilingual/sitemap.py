"""sitemap.xml for every language, each URL with its hreflang alternates."""

from xml.sax.saxutils import quoteattr

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def render_sitemap(index, domain):
    """One <url> per page and language; alternates list every language plus x-default."""
    main = index.languages[0]
    parts = [HEADER]
    for _, by_lang in index.sitemap_groups():
        default = by_lang.get(main) or next(iter(by_lang.values()))
        links = [(lang, entry.url) for lang, entry in by_lang.items()] + [("x-default", default.url)]
        for entry in by_lang.values():
            parts.append(f"  <url>\n    <loc>{domain}/{entry.url}</loc>\n")
            if entry.lastmod:
                parts.append(f"    <lastmod>{entry.lastmod}</lastmod>\n")
            for hreflang, url in links:
                parts.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} '
                             f'href={quoteattr(f"{domain}/{url}")}/>\n')
            parts.append("  </url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)
