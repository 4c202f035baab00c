"""What happens to the built site after MkDocs, to make it light and deployable.

html.py      HTML with its indentation collapsed
css.py       Material's stylesheet cut down to the selectors the pages use, plus ours
assets.py    fingerprinted asset names, and the HTML pointed at them
offline.py   service worker, web app manifests
headers.py   _headers (Netlify, Cloudflare Pages) and an nginx snippet: caching, CSP
bundle.py    a zip of the site that works when opened from disk (file://)
compress.py  .gz and .br beside every text file
Each step is plain Python over files in site/, independent of the generator.
"""

from pathlib import Path

from . import assets, bundle, compress, headers, html, offline


def finish(site: Path, content, overrides: Path, work: Path) -> None:
    assets.optimise(site, overrides)
    html.write(site)
    offline.write_manifests(site, content)
    headers.write(site)
    offline.write_service_worker(site)  # after every other file: its version hashes them
    bundle.write(site)
    compress.write(site, cache=work / "compressed")
