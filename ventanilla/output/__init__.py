"""What happens to the built site after the generator, to make it light and deployable.

pages.py     each language's pages: printed link addresses, collapsed HTML, search
             index, 404.html; then every page pointed at the fingerprinted assets
sitemap.py   sitemap.xml, with every page's translations
html.py      HTML with its indentation collapsed
css.py       Material's stylesheet cut down to the selectors the pages use, plus ours
assets.py    fingerprinted asset names
offline.py   service worker, web app manifests
headers.py   _headers (Netlify, Cloudflare Pages) and an nginx snippet: caching, CSP
bundle.py    a zip of the site that works when opened from disk (file://)
compress.py  .gz and .br beside every text file
Each step is plain Python over files in site/, independent of the generator.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from . import assets, bundle, compress, css, headers, offline, pages, sitemap


class Finisher:
    """Finishes the site language by language, while the generator writes the next one.

    The generator (MkDocs, in processes of its own) writes the languages; `language_written`
    is called as each is complete, and its pages are finished in a thread of this process
    while the generator goes on. `finish` then does what needs every language: the
    stylesheet, fingerprints, sitemap, offline files, compression. `lastmod`: the date
    the sitemap gives every page.
    """

    def __init__(self, site: Path, content, overrides: Path, work: Path, lastmod: str,
                 memo: pages.Remembered | None = None):
        self.site, self.content, self.overrides, self.work = Path(site), content, Path(overrides), Path(work)
        self.lastmod = lastmod
        # `ventanilla serve` (incremental.py): the last build's finishing, reused where a
        # page's HTML is unchanged; `finished` then holds this build's, for the next one
        self.memo = pages.Memo(self.site, memo, pages.Remembered()) if memo is not None else None
        self.finished = self.memo.kept if self.memo is not None else None
        self._thread = ThreadPoolExecutor(max_workers=1)
        self._done: dict[str, Future] = {}

    def language_written(self, lang: str) -> None:
        """`lang` is written, and the generator goes on: finish it in the thread, on one core."""
        if lang not in self._done:
            self._done[lang] = self._thread.submit(pages.finish_language, self.site, self.content, lang)

    def _wait(self) -> list[css.UsedNames]:
        """The names used by the languages the thread finished; a language it had not
        started yet is taken back (finish() does it on every core)."""
        try:
            for lang, future in list(self._done.items()):
                if future.cancel():
                    del self._done[lang]
            return [future.result() for future in self._done.values()]  # re-raises a thread's exception
        finally:
            self._thread.shutdown()

    def abandon(self) -> None:
        """The generator failed: wait for the thread before the half-built site is removed."""
        try:
            self._wait()
        except Exception:  # noqa: BLE001 - the generator's failure is what gets reported
            pass

    def finish(self, later: bool = False, carried: frozenset[str] = frozenset()) -> None:
        """After the generator: the languages the thread has not finished, on every core,
        then what needs all languages. `later` (`ventanilla serve`): the service worker,
        the offline zip and the compressed copies are left to `finish_later`, run once the
        site is in place: no page shown in the preview changes with them. `carried`
        (`ventanilla serve`): pages that are links to the last site's (pages.Memo)."""
        if self.memo is not None:
            self.memo.carried = carried
        used = self._wait()
        for lang in self.content.codes:
            if lang not in self._done:
                if self.memo is not None:
                    used.append(pages.finish_language(self.site, self.content, lang, memo=self.memo))
                else:
                    used.append(pages.finish_language(self.site, self.content, lang, workers=os.cpu_count() or 1))
        used = css.merge(used)
        site = self.site
        pages.copy_not_found(site, self.content, memo=self.memo)
        sitemap.write(site, self.content, self.lastmod)
        renames = assets.build_assets(site, self.overrides / "assets" / "ventanilla.css", used)
        referenced = pages.point_at_assets(site, renames, memo=self.memo)
        assets.remove_unreferenced(site, referenced)
        offline.write_manifests(site, self.content)
        headers.write(site, self.content.codes)
        if not later:
            self.finish_later(site)

    def finish_later(self, site: Path, leave_out: frozenset[str] = frozenset()) -> None:
        """The files no page depends on: service worker, offline zip, compressed copies.
        `site`: where the finished site is now (`ventanilla serve` has swapped it in);
        `leave_out`: top folders written since `finish` (they are not part of these), so
        that the result is the one `finish` would have made."""
        offline.write_service_worker(site, leave_out)  # after every other file: its version hashes them
        # the zip leaves out the .gz/.br copies: it is written by another process meanwhile
        with ProcessPoolExecutor(max_workers=1) as beside:
            zipped = beside.submit(bundle.write, site, leave_out)
            compress.write(site, cache=self.work / "compressed", leave_out=leave_out)
            zipped.result()
