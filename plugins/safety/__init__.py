"""safety: what content may be, so nothing hostile reaches a visitor (DESIGN.md "Trust").

Not a Pelican plugin: plain modules the reader, the build driver, the YAML readers and the
tests call. The threat model is docs/security.md; the modules are listed in
plugins/ARCHITECTURE.md.
"""
