"""Listing pages per publication type: /types/<type>/ and /en/types/<type>/, paginated."""

from pelican.generators import Generator


class TypeListingGenerator(Generator):
    def generate_context(self):
        # Runs after Pelican's ArticlesGenerator, so this language's articles are known.
        groups = {}
        for article in self.context["articles"]:
            if getattr(article, "type", None):
                groups.setdefault(article.type, []).append(article)
        self.by_type = dict(sorted(groups.items()))
        self.context["publication_types"] = list(self.by_type)

    def url_for(self, code):
        return f"{self.settings['LANG_PREFIX']}types/{code}/"

    def listing_urls(self):
        return [self.url_for(code) for code in self.by_type]

    def generate_output(self, writer):
        template = self.get_template("type")
        for code, articles in self.by_type.items():
            url = self.url_for(code)
            writer.write_file(
                url + "index.html", template, self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                paginated={"articles": articles, "dates": articles},
                template_name="type", url=url, listing_url=url, page_name=url + "index",
                type_code=code, articles=articles, dates=articles,
            )
