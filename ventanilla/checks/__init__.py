"""Checks layer: what `ventanilla check` says about the content and the built site.

Imports only the content layer. Features add their own checks through the public
`crosscheck.Checker` (the pipeline hands them in), so this layer never imports a feature.

crosscheck.py  rules that need more than one field or file (references, contacts, ids…)
drift.py       which version of the Spanish text each translation translates
editorial.py   review dates, verification state, lines to complete
gate.py        the publishing gate (`--publish`)
sitecheck.py   links, anchors and languages of a built site
"""
