"""Errors a person can act on: every content mistake names the file and, where there is one, the line."""


class ContentError(Exception):
    """A mistake in something a person wrote (Markdown, YAML, settings)."""

    def __init__(self, path, message, line=None, hint=None):
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.describe())

    def __reduce__(self):  # so an error can travel from a forked language to the parent
        return type(self), (self.path, self.message, self.line, self.hint)

    def describe(self):
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n    how to fix: {self.hint}"
        return text


class BuildError(Exception):
    """The build stopped; `problems` lists every ContentError (or plain message) found."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = [p.describe() if isinstance(p, ContentError) else str(p) for p in self.problems]
        count = len(self.problems)
        header = f"The build stopped: {count} problem{'s' if count != 1 else ''} to fix."
        super().__init__("\n".join([header, *lines]))

    def __reduce__(self):
        return type(self), (self.problems,)
