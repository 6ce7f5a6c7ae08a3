"""A Pelican writer whose feeds always carry absolute links.

Pelican builds feed item links from SITEURL, which is empty while developing; feed
readers need https://… links, so feeds are written against SITE_DOMAIN.
"""

from pelican.writers import Writer


class AbsoluteFeedWriter(Writer):
    def write_feed(self, elements, context, *args, **kwargs):
        context = {**context, "SITEURL": context["SITE_DOMAIN"]}
        return super().write_feed(elements, context, *args, **kwargs)
