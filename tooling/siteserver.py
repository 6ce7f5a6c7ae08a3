"""A built site served on 127.0.0.1 the way production serves it, for measurements.

The search benchmark and `invoke lighthouse` time and weigh what a visitor's browser receives, so
this server sends what nginx with `gzip_static`/`brotli_static` would (docs/deployment.md): a
precompressed `.br`/`.gz` twin when the file has one and the browser accepts it, the file itself
otherwise; `…/index.html` for a folder, the language's `404.html` for a missing path.
`compress_missing` also brotli-compresses text files that have no twin — for comparing our site
with one whose build writes none (the Pagefind benchmark). Each is compressed on its first request
and kept in memory, as if it had a twin: compressing on every request would add the server's
brotli time to the latencies of whichever site fetches more files. Optionally the site's own headers (`output/_headers`) and
production's Cache-Control per file class (PUBLISH['cache']); without them nothing is cached, so
repeated runs measure the same cold load.
"""

import contextlib
import functools
import http.server
import socket
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import brotli

COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv")


def site_headers(folder):
    """[(name, value)] the site's `_headers` file gives every path (its `/*` rule); [] if it has none."""
    from privacy.headers import parse_headers_file

    path = Path(folder) / "_headers"
    if not path.is_file():
        return []
    return parse_headers_file(path.read_text(encoding="utf-8")).get("/*", [])


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves what a production server would: a precompressed .br/.gz twin if the file has one
    (with compress_missing, text compressed with brotli otherwise); connections kept alive."""

    protocol_version = "HTTP/1.1"
    extra_headers = ()  # (name, value) sent with every response: the site's security headers
    cache = None  # ((glob patterns…), Cache-Control) rules, first match wins (deploy.files); None: no-store
    compressed = None  # with compress_missing: path → brotli bytes (one dict per server); None: off

    def setup(self):
        super().setup()
        # headers and body go out as two writes: without this, Nagle's algorithm and delayed ACKs
        # hold every kept-alive response back by some 40 ms
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.respond(send_body=True)

    def do_HEAD(self):
        self.respond(send_body=False)

    def respond(self, send_body):
        path, status = Path(self.translate_path(self.path)), 200
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            path, status = self.not_found_page(), 404
            if path is None:
                return self.send_error(404)
        accepts = self.headers.get("Accept-Encoding", "")
        body, encoding = path.read_bytes(), None
        if "br" in accepts and path.with_name(path.name + ".br").is_file():
            body, encoding = path.with_name(path.name + ".br").read_bytes(), "br"
        elif "gzip" in accepts and path.with_name(path.name + ".gz").is_file():
            body, encoding = path.with_name(path.name + ".gz").read_bytes(), "gzip"
        elif self.compressed is not None and path.suffix in COMPRESSIBLE and "br" in accepts:
            if path not in self.compressed:  # threads may race here: both store the same bytes
                self.compressed[path] = brotli.compress(body, quality=11)
            body, encoding = self.compressed[path], "br"
        self.send_response(status)
        self.send_header("Content-Type", self.content_type(path))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", self.cache_control(path) if status == 200 else "no-store")
        for name, value in self.extra_headers:
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def not_found_page(self):
        """The 404 page of the language the path is in (nginx: error_page 404 per language), or None."""
        root = Path(self.directory)
        first = urlsplit(self.path).path.lstrip("/").split("/", 1)[0]
        languages = [root / first] if first and (root / first).is_dir() and not first.startswith(".") else []
        return next((folder / "404.html" for folder in [*languages, root] if (folder / "404.html").is_file()), None)

    def relative(self, path):
        return path.resolve().relative_to(Path(self.directory).resolve()).as_posix()

    def content_type(self, path):
        guessed = self.guess_type(str(path))
        return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed

    def cache_control(self, path):
        if self.cache is None:
            return "no-store"
        from deploy.files import cache_control

        return cache_control(self.relative(path), self.cache)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser closing a kept-alive connection mid-read is normal, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(folder, headers=(), cache=None, compress_missing=False):
    """Serve `folder` on a free port in a background thread: (server, "http://127.0.0.1:<port>").
    `headers`: sent with every response; `cache`: PUBLISH['cache']-style rules (None: no-store)."""
    handler = type("Handler", (CompressingHandler,), {"extra_headers": tuple(headers), "cache": cache,
                                                      "compressed": {} if compress_missing else None})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@contextlib.contextmanager
def serving(folder, **options):
    """The base URL of folder, served (as serve() does) for the duration of the block."""
    server, url = serve(folder, **options)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
