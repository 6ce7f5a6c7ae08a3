"""Errors a person can act on: every content mistake names the file and, where there is one, the line.

The message and hint are `messages.Text` (or plain text), shown in the language the run chose
(`messages.use`); `describe(lang)` shows them in another.
"""

from messages import render, t, tn


class ContentError(Exception):
    """A mistake in something a person wrote (Markdown, YAML, settings)."""

    def __init__(self, path, message, line=None, hint=None):
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(path, message, line, hint)

    def __reduce__(self):  # so an error can travel from a forked language to the parent
        return type(self), (self.path, self.message, self.line, self.hint)

    def __str__(self):
        return self.describe()

    @property
    def where(self):
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def describe(self, lang=None):
        text = f"{self.where}: {render(self.message, lang)}"
        if self.hint:
            text += "\n    " + render(t("how to fix: {hint}", hint=self.hint), lang)
        return text


class BuildError(Exception):
    """The build stopped; `problems` lists every ContentError (or plain message) found."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(self.problems)

    def __reduce__(self):
        return type(self), (self.problems,)

    def __str__(self):
        return self.describe()

    def describe(self, lang=None):
        count = len(self.problems)
        header = tn("The build stopped: {count} problem to fix.", "The build stopped: {count} problems to fix.", count)
        lines = [p.describe(lang) if isinstance(p, ContentError) else render(p, lang) for p in self.problems]
        return "\n".join([render(header, lang), *lines])
