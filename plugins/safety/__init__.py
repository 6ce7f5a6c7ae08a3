"""safety: what content may be, so nothing hostile reaches a visitor (DESIGN.md "Trust").

Not a Pelican plugin: plain modules the readers, the build driver and the tests call.
The threat model is docs/security.md.
"""
