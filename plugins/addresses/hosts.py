"""The same redirects for every kind of host: `_redirects` (Netlify, Cloudflare Pages and the hosts
that read it) and a map for nginx. The small HTML page per old address, which every host serves,
is written by the theme (`redirect.html`, build driver)."""

from .paths import is_query, query_rule, url_form

REDIRECTS_FILE = "_redirects"  # read by Netlify and Cloudflare Pages from the site's root
NGINX_MAP_FILE = "_redirects.map"  # nginx reads it with the snippet `invoke headers` writes
NGINX_QUERY_MAP_FILE = "_redirects.query.map"  # old WordPress query addresses (/?p=12), the same way
QUERY_KEYS = ("p", "page_id", "attachment_id")  # paths.QUERY's; nginx's key names each one's value


def gone_page(lang, prefixes):
    """The 410 page of a language, from the site root: '/gone.html', '/en/gone.html'."""
    return f"/{prefixes[lang]}gone.html"


def render_redirects(plan, prefixes):
    """`_redirects`: '/old/ /new/ 301' and '/old/ /gone.html 410', one a line, sorted; an old WordPress
    query address as Netlify's query-parameter rule, '/ p=12 /new/ 301!' — forced, or the home page at /
    would shadow it (a host that reads no such rule, Cloudflare Pages, skips the line: four fields)."""
    lines = [f"{_redirects_source(address)} {url_form(found.target)} {'301!' if is_query(address) else '301'}"
             for address, found in sorted(plan.redirects.items())]
    lines += [f"{url_form(address)} {gone_page(lang, prefixes)} 410" for address, lang in sorted(plan.gone.items())]
    return "".join(line + "\n" for line in sorted(lines))


def render_nginx_map(plan, prefixes):
    """The body of an nginx `map $uri …`: '"/old/" "/new/";' or '"/old/" "gone /gone.html";'.

    nginx compares the decoded path, so an address is written as its characters (UTF-8); the
    address rules (paths.ALLOWED) leave no quote, backslash, space or semicolon to escape."""
    lines = [f'"{address}" "{found.target}";' for address, found in sorted(plan.redirects.items())
             if not is_query(address)]
    lines += [f'"{address}" "gone {gone_page(lang, prefixes)}";' for address, lang in sorted(plan.gone.items())]
    return "".join(line + "\n" for line in sorted(lines))


def render_nginx_query_map(plan):
    """The body of the nginx `map` of old WordPress query addresses: '"/?p=12&page_id=&attachment_id=" "/new/";'.

    The key is the one the snippet builds from the request ($uri and the three arguments), so a link
    that gained other arguments on its way (?p=12&fbclid=…) still matches; digits only, nothing to escape."""
    lines = []
    for address, found in sorted(plan.redirects.items()):
        if is_query(address):
            key, number = query_rule(address)
            lines.append(f'"{_nginx_query_key({key: number})}" "{found.target}";')
    return "".join(line + "\n" for line in sorted(lines))


def _nginx_query_key(values, path="/"):
    return f"{path}?" + "&".join(f"{key}={values.get(key, '')}" for key in QUERY_KEYS)


def _redirects_source(address):
    if is_query(address):
        key, number = query_rule(address)
        return f"/ {key}={number}"
    return url_form(address)


def render_nginx_snippet(site_root, source):
    """The nginx lines that read the build's map: a 301 to the new address, or a 410 with the gone page.

    site_root: the folder nginx serves (the rsync target's), where each publish puts `_redirects.map`."""
    map_path = f"{site_root.rstrip('/')}/{NGINX_MAP_FILE}"
    query_map_path = f"{site_root.rstrip('/')}/{NGINX_QUERY_MAP_FILE}"
    query_source = _nginx_query_key({key: f"$arg_{key}" for key in QUERY_KEYS}, path="$uri")
    return "\n".join([
        f"# Old addresses of the 7amleh site, generated from {source} by `invoke headers`. Do not edit.",
        "# Every build writes the map of its old addresses, and `invoke publish` uploads it with the site;",
        "# nginx reads it when it starts or reloads: reload it after a publish that moved or removed a page",
        "# (until then each old address's small page redirects in the browser, and a gone one is a 404).",
        "#",
        "# 1. In the http { } block (a map cannot go in server { }):",
        "map $uri $old_address_7amleh {",
        '    default "";',
        f"    include {map_path};",
        "}",
        "# An old WordPress address with a query (/?p=123, /?page_id=45, /?attachment_id=67):",
        f'map "{query_source}" $old_query_7amleh {{',
        '    default "";',
        f"    include {query_map_path};",
        "}",
        "# 2. In the server { } block, before the locations of nginx-cache.conf:",
        'set $gone_page_7amleh "/gone.html";',
        "error_page 410 $gone_page_7amleh;",
        'if ($old_address_7amleh ~ "^gone (.+)$") {',
        "    set $gone_page_7amleh $1;",
        "    return 410;",
        "}",
        'if ($old_address_7amleh) {',
        "    return 301 $old_address_7amleh;",
        "}",
        'if ($old_query_7amleh) {',
        "    return 301 $old_query_7amleh;",
        "}",
        "",
    ])
