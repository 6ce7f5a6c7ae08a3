"""`invoke import wordpress`: a WordPress export (WXR) into this site's content folder.

`wxr` reads the export (defusedxml: no DTD, no entities), `slugs` makes Latin file names,
`mapping` reads and writes the categories-and-tags file staff edit, `body` turns a post's HTML
into Markdown, `plan` decides every file, `record` keeps what was written (so a second run
changes nothing and an edited file is never overwritten), `report` says what happened.
"""
