"""The Markdown extension that keeps every chart line a paragraph of its own (see embed.py).

Named in MARKDOWN['extensions'] as text ("charts.mdextension:ChartLinesExtension") rather
than as an object, so the settings keep a stable repr for the content cache's fingerprint.
"""

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .embed import room_around_charts

NAME = "charts.mdextension:ChartLinesExtension"
# After normalize_whitespace (30: line ends and tabs), before meta (27): the lines are still
# the file's own, header included, as find_charts counts them.
PRIORITY = 28


class ChartLines(Preprocessor):
    def run(self, lines):
        return room_around_charts(lines) if any("{chart" in line for line in lines) else lines


class ChartLinesExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(ChartLines(md), "chart_lines", PRIORITY)
