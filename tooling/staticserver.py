"""A built site served as production serves it, for measurements and tests (not `invoke serve`).

Like nginx with `gzip_static`/`brotli_static` (docs/deployment.md): a file's precompressed
`.br` or `.gz` twin when the browser accepts that encoding, the file itself otherwise; `dir/`
is `dir/index.html`; a missing file gets the nearest `404.html` above it (`/en/x` → `/en/404.html`)
with status 404. Nothing is cached, connections are kept alive.

`compress_missing` also brotli-compresses text files that have no twin — for comparing our site
with one whose build writes none (the Pagefind benchmark). Each is compressed on its first request
and kept in memory, as if it had a twin: compressing on every request would add the server's
brotli time to the latencies of whichever site fetches more files.
"""

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path

import brotli

COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".csv", ".txt")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    compress_missing = False
    compressed = None  # path → brotli bytes, with compress_missing (one dict per server)

    def setup(self):
        super().setup()
        # headers and body go out as two writes: without this, Nagle's algorithm and delayed ACKs
        # hold every kept-alive response back by some 40 ms
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def find(self):
        """(file, status) for the request path."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            return path, 200
        root = Path(self.directory).resolve()
        for folder in [path.parent, *path.parent.parents]:
            if folder == root or root in folder.parents:
                if (folder / "404.html").is_file():
                    return folder / "404.html", 404
        return None, 404

    def do_GET(self):
        path, status = self.find()
        if path is None:
            return self.send_error(404)
        accepts = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        body, encoding = None, None
        for name, suffix in (("br", ".br"), ("gzip", ".gz")):
            twin = path.with_name(path.name + suffix)
            if name in accepts and twin.is_file():
                body, encoding = twin.read_bytes(), name
                break
        if body is None:
            body = path.read_bytes()
            if self.compress_missing and path.suffix in COMPRESSIBLE and "br" in accepts:
                if path not in self.compressed:  # threads may race here: both store the same bytes
                    self.compressed[path] = brotli.compress(body, quality=11)
                body, encoding = self.compressed[path], "br"
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def start(folder, compress_missing=False):
    """(server, base URL) serving folder on a free port of 127.0.0.1, in a daemon thread."""
    handler = type("Handler", (StaticHandler,), {"compress_missing": compress_missing, "compressed": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@contextlib.contextmanager
def serving(folder, compress_missing=False):
    """The base URL of folder, served for the duration of the block."""
    server, url = start(folder, compress_missing)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
