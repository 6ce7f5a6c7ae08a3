"""A Pelican writer whose feeds always carry absolute links, and whose pages go through incremental.renders.

Pelican builds feed item links from SITEURL, which is empty while developing; feed
readers need https://… links, so feeds are written against SITE_DOMAIN.
"""

import contextlib
import io

from pelican.writers import Writer

from incremental.renders import RenderOnce


class AbsoluteFeedWriter(Writer):
    renders = None  # incremental.renders.Renders: this language's pages, rendered or carried from the last build

    def write_file(self, name, template, context, *args, **kwargs):
        if self.renders is not None:
            template = RenderOnce(template, self.renders)
        return super().write_file(name, template, context, *args, **kwargs)

    @contextlib.contextmanager
    def _open_w(self, filename, encoding, override=False):
        """A page the last build's file is linked in for (incremental.renders) is not written at all: it
        only counts as written, so writing it twice is still the error Pelican's writer makes it."""
        carried = self.renders is not None and self.renders.is_carried(filename)
        if not carried or override or filename in self._written_files or filename in self._overridden_files:
            with super()._open_w(filename, encoding, override) as handle:
                yield handle
            return
        self._written_files.add(filename)
        yield io.StringIO()

    def write_feed(self, elements, context, *args, **kwargs):
        context = {**context, "SITEURL": context["SITE_DOMAIN"]}
        return super().write_feed(elements, context, *args, **kwargs)
