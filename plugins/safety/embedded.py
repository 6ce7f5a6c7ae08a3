"""JSON that goes inside a <script> element (JSON-LD), written so no text in it can start markup.

Inside <script>, the HTML parser looks for `</script` and, after `<!--`, for `<script` too
(the "script data escaped" states): a title containing `<!--<script>` once swallowed the rest
of a page. JSON may spell any character as \\uXXXX, so `<`, `>` and `&` never appear as such;
U+2028 and U+2029 are escaped too, for the JavaScript parsers that still choke on them.
"""

import json

ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
TABLE = str.maketrans(ESCAPES)


def script_json(data):
    """`data` as JSON text safe to place between <script …> and </script> (sorted keys: stable bytes)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(TABLE)
