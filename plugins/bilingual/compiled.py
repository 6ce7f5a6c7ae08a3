"""Compiled templates shared by every Jinja environment of a build (and of the next, in `invoke serve`).

Pelican gives each generator its own Jinja environment, so each language compiled every
template once per generator: 260 compilations of some 30 templates in a build (3% of its
CPU). A bytecode cache shared by the environments compiles each template once. The cache is
keyed, as Jinja's own bytecode caches are, by the template's name and file and checked
against a hash of its source (an edited template is compiled again), and also by the
environment's options that change what the compiler produces, so an environment configured
differently never gets another's code.
"""

from jinja2.bccache import Bucket, BytecodeCache

# Environment attributes that change the compiled code (the lexer's syntax and the compiler's options).
OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
           "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
           "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
           "autoescape", "is_async")


class SharedBytecode(BytecodeCache):
    """Compiled code in memory: {key: (source checksum, code object)}."""

    def __init__(self):
        self.store = {}

    def get_bucket(self, environment, name, filename, source):
        options = tuple(getattr(environment, option) for option in OPTIONS)
        options += (tuple(sorted(environment.extensions)),)
        key = self.get_cache_key(f"{name}\0{options!r}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket):
        checksum, code = self.store.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = (bucket.checksum, bucket.code)


SHARED = SharedBytecode()
