"""What `ventanilla serve` keeps between builds, so that a rebuild redoes only what changed.

The result must be byte-identical to a full `ventanilla build` of the same content
(tests/test_incremental.py checks it after every kind of edit). So nothing here guesses
which pages an edit touches; each step redoes only what differs from its last input:
- the content files are read and schema-checked again only where their bytes changed
  (`reads`, content/model.kept_reads); the cross-checks run on the whole content;
- the generated Markdown (build/docs/) is written only where it differs, and files no
  longer generated are deleted: the Markdown of untouched pages keeps its date. So do
  the leaflets, feeds and data files, published into a folder of their own first
  (`published_folder`, `publish`);
- the languages' pages are written by worker processes kept between builds (`page_pool`,
  pages/generate.PagePool: `serve` runs its web server in a thread and cannot fork);
- MkDocs writes into a folder of its own kept between builds (build/mkdocs-salida/) with
  `--dirty`: only the pages whose Markdown is newer than their HTML are rendered, and only
  the languages where some file changed are built at all (`languages_to_render`). The HTML
  of a deleted Markdown file is deleted. Anything MkDocs renders from more than a page's
  Markdown (the configuration with its languages and menus, the templates, the site's
  date) is fingerprinted: when it changed, the folder is emptied and MkDocs renders all;
- the site is then staged from that folder and finished there (output/). A page whose
  HTML MkDocs did not write again (the same file: inode, size, modification time) and
  whose finished file the last build left untouched is hard-linked from the site being
  served, and neither read nor written (`stage`, output/pages.Memo's `carried`); the
  other pages are copied and finished reusing what the last build made of the same HTML
  (output/pages.Remembered, also for pointing pages at the fingerprinted assets); what
  needs the whole site (stylesheet, search index, sitemap) is redone. Nothing writes
  into a carried file: a step that changes one replaces it (tests/test_incremental.py
  checks that the site being served is never written into);
- the files no page shown depends on (service worker, offline zip, compressed copies) are
  written after the swap, in a thread, while the tabs reload (`later`, `settle`: the next
  build, and tests comparing with a full build, wait for them).
The staged site is swapped in as by a full build (pipeline.build): never down.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from pathlib import Path

RAW = "mkdocs-salida"  # in the work folder: MkDocs' own output, kept between builds
PUBLISHED = "publicado"  # in the work folder: the leaflets, feeds and data files of the build being made
# Never rewritten by the finishing steps (output/): linked into the staged site, not copied
LINKED = {".pdf", ".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2", ".ttf", ".ico", ".zip"}


class Incremental:
    def __init__(self, work: Path):
        self.work = Path(work)
        self.raw = self.work / RAW
        self.fingerprint: str | None = None  # of what MkDocs renders into every page
        self.memo = None  # output/pages.Remembered: the last build's finishing (None: no build yet)
        self.carriable: frozenset[str] = frozenset()  # its pages whose file is just what finishing made
        self.identities: dict[str, tuple[int, int, int]] = {}  # MkDocs' pages when the last build staged them
        self._staged: dict[str, tuple[int, int, int]] = {}  # ... and when this one did (see `remember`)
        self.carried: frozenset[str] = frozenset()  # pages this build linked from the last site
        self.dirty = False  # the last MkDocs run rendered only changed pages
        self.deleting = None  # mkdocs_step.OldSite: the site before the last build, being deleted
        self.reads: dict = {}  # content/model.kept_reads: the files read and checked last time
        self.finish_later = None  # output.Finisher.finish_later of the last build (set by pipeline)
        self.page_pool = None  # pages/generate.PagePool set by `serve`: the languages written side by side
        self.touched: set[str] = set()  # languages with a file of docs/ written or deleted by this build
        self.rendered: list[str] | None = None  # what languages_to_render said last (None: all)
        self._later: threading.Thread | None = None
        self._later_error: BaseException | None = None

    def prepare(self, config: Path, theme: Path, epoch: str, codes: list[str]) -> bool:
        """Before MkDocs: True when it may render only the changed pages; otherwise its folder
        is emptied for a full render."""
        digest = hashlib.sha256(config.read_bytes())
        digest.update(f"\0{epoch}\0{','.join(codes)}".encode())
        for path in sorted(Path(theme).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(theme).as_posix().encode() + b"\0" + path.read_bytes())
        fingerprint = digest.hexdigest()
        self.dirty = fingerprint == self.fingerprint and self.raw.is_dir()
        if not self.dirty and self.raw.exists():
            shutil.rmtree(self.raw)
        self.fingerprint = fingerprint
        return self.dirty

    def later(self, work) -> None:
        """Run `work()` in a thread, after the new site is in place (the tabs reload meanwhile);
        `settle` waits for it."""
        def run():
            try:
                work()
            except BaseException as exc:  # noqa: BLE001 - re-raised by settle()
                self._later_error = exc
        self._later = threading.Thread(target=run, name="ventanilla-despues", daemon=True)
        self._later.start()

    def settle(self) -> None:
        """Wait for what `later` runs (the next build starts from a finished site); re-raise
        its error, if any."""
        if self._later is not None:
            self._later.join()
            self._later = None
        error, self._later_error = self._later_error, None
        if error is not None:
            raise error

    def forget(self) -> None:
        """A build failed half way: the next one renders everything."""
        self.fingerprint = None

    def remember(self, finished, carriable: frozenset[str]) -> None:
        """The build succeeded: its finishing (`finished`, output/pages.Remembered), the pages a
        next build may carry over, and the pages it staged are the next build's reference."""
        self.memo, self.carriable, self.identities = finished, carriable, self._staged

    def write_docs(self, pages: dict[str, dict[str, str]], docs: Path, codes: list[str]) -> None:
        """generate.write_docs, touching only the files whose text changed; the HTML of a
        Markdown file no longer generated is deleted from MkDocs' folder."""
        wanted = {Path(lang) / rel: text for lang, files in pages.items() for rel, text in files.items()}
        self.touched = set()
        if docs.is_dir():
            for path in sorted(docs.rglob("*"), reverse=True):
                rel = path.relative_to(docs)
                if path.is_file() and rel not in wanted and rel.suffix == ".md":
                    path.unlink()
                    self._drop_html(rel, codes)
                    self.touched.add(rel.parts[0])
        for rel, text in wanted.items():
            target = docs / rel
            data = text.encode("utf-8")
            try:
                if target.read_bytes() == data:
                    continue
            except OSError:
                target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            self.touched.add(rel.parts[0])

    def published_folder(self) -> Path:
        """An empty folder for this build's leaflets, feeds and data files (the publishers write
        all of them each build): `publish` then moves into docs/ only those that changed."""
        folder = self.work / PUBLISHED
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        return folder

    def publish(self, published: Path, docs: Path, codes: list[str]) -> None:
        """Bring docs/ to the files in `published` (beside the Markdown, which `write_docs` keeps):
        a file whose bytes changed replaces the one in docs/, a file no longer published goes.
        An unchanged file keeps its date, so MkDocs' --dirty does not copy it again. The copy in
        MkDocs' folder of a changed or removed file is deleted: MkDocs would write into it, and
        a PDF there is a hard link to the site being served (`stage`)."""
        wanted = set()
        for path in sorted(published.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(published)
            wanted.add(rel)
            target = docs / rel
            if _same_bytes(path, target):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
            self._raw_copy(rel, codes).unlink(missing_ok=True)
            self.touched.add(rel.parts[0])
        for path in sorted(docs.rglob("*")):
            rel = path.relative_to(docs)
            if path.is_file() and path.suffix != ".md" and rel not in wanted:
                path.unlink()
                self._raw_copy(rel, codes).unlink(missing_ok=True)
                self.touched.add(rel.parts[0])

    def languages_to_render(self, codes: list[str]) -> list[str] | None:
        """After `write_docs` and `publish`: the languages MkDocs must build, in `codes` order;
        None for all (a full render). A language where no file of docs/ was written or deleted
        would get nothing written by a --dirty build: it is left out. Only its per-language
        overhead is saved (a second or so on the bundled content), never a page."""
        self.rendered = [lang for lang in codes if lang in self.touched] if self.dirty else None
        return self.rendered

    def _raw_copy(self, rel: Path, codes: list[str]) -> Path:
        """MkDocs' copy of docs/<lang>/a/b.pdf: <raw>/[<lang>/]a/b.pdf."""
        return self._raw_folder(rel.parts[0], codes) / Path(*rel.parts[1:])

    def _raw_folder(self, lang: str, codes: list[str]) -> Path:
        """A language's folder in MkDocs' output: the first language at its root."""
        return self.raw if lang == codes[0] else self.raw / lang

    def _drop_html(self, rel: Path, codes: list[str]) -> None:
        """docs/<lang>/a/b.md -> <raw>/[<lang>/]a/b/index.html (use_directory_urls)."""
        lang, page = rel.parts[0], Path(*rel.parts[1:])
        html = self._raw_folder(lang, codes) / (page.with_suffix("") if page.stem != "index" else page.parent) / "index.html"
        if html.exists():
            html.unlink()

    def stage(self, site: Path, served: Path) -> frozenset[str]:
        """Fill the (empty) staging folder from MkDocs' folder, where output/ finishes it; return
        the pages carried over from `served` (the last build's site): hard links to its
        finished pages, for pages MkDocs did not write again (see the module's docstring)."""
        self._staged, carried = {}, set()
        for folder, _dirs, files in os.walk(self.raw):
            rel_folder = os.path.relpath(folder, self.raw)
            target = site / rel_folder
            target.mkdir(parents=True, exist_ok=True)
            for name in files:
                source = os.path.join(folder, name)
                suffix = os.path.splitext(name)[1].lower()
                if suffix == ".html":
                    rel = name if rel_folder == "." else f"{rel_folder}/{name}"
                    stat = os.stat(source)
                    identity = self._staged[rel] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
                    if rel in self.carriable and self.identities.get(rel) == identity and _linked(served / rel, target / name):
                        carried.add(rel)
                        continue
                elif suffix in LINKED and _linked(source, target / name):
                    continue
                shutil.copyfile(source, target / name)
        self.carried = frozenset(carried)
        return self.carried


def _linked(source, target) -> bool:
    try:
        os.link(source, target)
        return True
    except OSError:  # not there, or another file system
        return False


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        first, second = a.stat(), b.stat()
        if (first.st_ino, first.st_dev) == (second.st_ino, second.st_dev):
            return True  # one file (a leaflet linked from the cache, leaflets.publish)
        return first.st_size == second.st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False
