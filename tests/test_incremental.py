"""`ventanilla serve` rebuilds incrementally (ventanilla/generator/incremental.py); after each kind of
edit its site must be byte-identical to a full `ventanilla build` of the same content."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

from conftest import make_project

from ventanilla import pipeline
from ventanilla.generator.incremental import Incremental
from ventanilla.pages.generate import PagePool


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _differences(a: Path, b: Path) -> list[str]:
    left, right = _tree(a), _tree(b)
    only = sorted(set(left) ^ set(right))
    changed = sorted(k for k in set(left) & set(right) if left[k] != right[k])
    return [f"only in one: {k}" for k in only] + [f"differs: {k}" for k in changed]


class ServedSite:
    """Every file of the site being served, hard-linked aside with its bytes: a build that
    writes into one of them (instead of replacing it) changes the linked copy too. Carried
    pages (incremental.stage) are the served site's own files, so this must never happen."""

    def __init__(self, site: Path, aside: Path):
        if aside.exists():
            shutil.rmtree(aside)
        self.aside, self.files = aside, {}
        for path in site.rglob("*"):
            if path.is_file():
                linked = aside / path.relative_to(site)
                linked.parent.mkdir(parents=True, exist_ok=True)
                os.link(path, linked)
                self.files[linked] = path.read_bytes()

    def written_into(self) -> list[str]:
        return [path.relative_to(self.aside).as_posix() for path, data in self.files.items() if path.read_bytes() != data]


def _full_build(root: Path, scratch: Path) -> Path:
    """A full build of `root`'s content in a fresh project (no cache of any kind)."""
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    for name in ("mkdocs.yml", "overrides", "content"):
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, scratch / name)
    result = pipeline.build(pipeline.Project(scratch))
    assert result.built, result.findings.sorted()
    return scratch / "site"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edits(content: Path):
    """(name, change to the content, whether the content still builds)."""
    def procedure():
        _edit(content / "es/tramites/ejemplo-asilo.md", "resumen: Un trámite de ejemplo.",
              "resumen: Un trámite de ejemplo, cambiado.")

    def new_style():  # a warning box: the stylesheet keeps more rules, its fingerprinted name changes
        path = content / "es/tramites/ejemplo-asilo.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n!!! warning \"Atención\"\n    Lleva tus documentos.\n",
                        encoding="utf-8")

    def phone():
        _edit(content / "servicios/ejemplo-asilo.yml", '"+52 55 5387 2400"', '"+52 55 5387 2411"')

    def add_service():
        text = (content / "servicios/ejemplo-asilo.yml").read_text(encoding="utf-8")
        (content / "servicios/ejemplo-nuevo.yml").write_text(
            text.replace("id: ejemplo-asilo", "id: ejemplo-nuevo")
                .replace("Servicio de ejemplo de asilo", "Servicio nuevo de ejemplo"), encoding="utf-8")

    def rename_service():
        old = content / "servicios/ejemplo-nuevo.yml"
        _edit(old, "id: ejemplo-nuevo", "id: ejemplo-renombrado")
        old.rename(content / "servicios/ejemplo-renombrado.yml")

    def interface_string():
        _edit(content / "es/interfaz.yml", "\ninicio_lead: \"Información gratuita", "\ninicio_lead: \"Información muy gratuita")

    def add_translation():
        (content / "fr/comunidad").mkdir(parents=True, exist_ok=True)
        shutil.copy(content / "en/comunidad/ejemplo-mitos.md", content / "fr/comunidad/ejemplo-mitos.md")

    def add_desk():
        text = (content / "ventanillas/ejemplo-tapachula.yml").read_text(encoding="utf-8")
        (content / "ventanillas/ejemplo-segunda.yml").write_text(
            text.replace("id: ejemplo-tapachula", "id: ejemplo-segunda")
                .replace("Ventanilla de ejemplo en Tapachula", "Segunda ventanilla de ejemplo"), encoding="utf-8")

    def delete_desk():
        (content / "ventanillas/ejemplo-segunda.yml").unlink()

    def break_file():
        (content / "urgencias/ejemplo-emergencia.yml").write_text("titulo: [sin cerrar\n", encoding="utf-8")

    return [("edit a procedure", procedure, True), ("use a new style", new_style, True), ("change a service's phone", phone, True),
            ("add a service", add_service, True), ("rename an id", rename_service, True),
            ("change an interface string", interface_string, True), ("add a translation", add_translation, True),
            ("add a desk", add_desk, True), ("delete a desk", delete_desk, True), ("break a file", break_file, False)]


def test_incremental_builds_equal_full_builds_after_each_edit(tmp_path):
    root = make_project(tmp_path / "proyecto")
    project = pipeline.Project(root)
    state = Incremental(project.work)
    # as `serve`: the languages' pages written by worker processes kept between builds
    state.page_pool = PagePool(project.work / pipeline.QR_CODES)
    try:
        _edit_and_compare(tmp_path, root, project, state)
    finally:
        state.page_pool.close()


def _edit_and_compare(tmp_path: Path, root: Path, project: pipeline.Project, state: Incremental) -> None:
    first = pipeline.build(project, incremental=state)
    assert first.built
    state.settle()  # the files written after the swap (service worker, zip, compressed copies)
    assert not _differences(root / "site", _full_build(root, tmp_path / "completo")), "first build"
    content = root / "content"
    broken_backup = (content / "urgencias/ejemplo-emergencia.yml").read_text(encoding="utf-8")
    rendered, carried, stylesheets = {}, {}, {}
    for name, change, builds in _edits(content):
        change()
        served = ServedSite(root / "site", tmp_path / "servido")
        result = pipeline.build(project, incremental=state)
        if not builds:
            assert result.findings.errors and not result.built, name
            before = _tree(root / "site")
            (content / "urgencias/ejemplo-emergencia.yml").write_text(broken_backup, encoding="utf-8")
            result = pipeline.build(project, incremental=state)
            name = "fix the broken file"
            assert before, "the last good site stays while the content is broken"
        assert result.built, (name, result.findings.sorted(), result.mkdocs_error)
        assert state.dirty, f"{name}: MkDocs rendered every page (nothing incremental was tested)"
        rendered[name], carried[name] = state.rendered, len(state.carried)
        stylesheets[name] = sorted(p.name for p in (root / "site/assets").glob("site.*.css"))
        state.settle()
        assert not served.written_into(), f"{name}: the site being served was written into: {served.written_into()[:5]}"
        differences = _differences(root / "site", _full_build(root, tmp_path / "completo"))
        assert not differences, f"after '{name}': " + "; ".join(differences[:20])
    # the Spanish interface strings are shown only on Spanish pages: MkDocs left the other
    # languages alone (incremental.languages_to_render), and the site was still identical
    assert rendered["change an interface string"] == ["es"], rendered
    assert rendered["change a service's phone"] == project_codes(root), rendered
    # most pages were carried over from the served site, not finished again
    assert carried["edit a procedure"] > 0.8 * len(list((root / "site").rglob("index.html"))), carried
    # ... also when the stylesheet's name changed, and every carried page had to point at it
    assert stylesheets["use a new style"] != stylesheets["edit a procedure"] and carried["use a new style"], \
        (stylesheets, carried)


def test_leaflets_laid_out_later_end_in_the_same_site(tmp_path, cold_caches):
    """serve shows the pages first: the leaflets the cache lacks are left out (and listed),
    then laid out; the rebuild that follows equals a full build."""
    root = make_project(tmp_path / "proyecto")
    project = pipeline.Project(root)
    state = Incremental(project.work)
    first = pipeline.build(project, incremental=state, leaflets_later=True)
    assert first.built and first.leaflets.pending, "an empty cache: every leaflet is pending"
    assert not list((root / "site").rglob("*.pdf"))
    from ventanilla.cli import serve
    assert serve.lay_out_leaflets(str(root), str(root / "content"), str(project.work)) == 0
    second = pipeline.build(project, incremental=state, leaflets_later=True)
    assert second.built and not second.leaflets.pending
    state.settle()
    assert not _differences(root / "site", _full_build(root, tmp_path / "completo"))

    # a save: the pages first, linking the last build's leaflets; then the changed leaflet is
    # laid out and the build that follows equals a full build again
    _edit(root / "content/es/tramites/ejemplo-asilo.md", "resumen: Un trámite de ejemplo.",
          "resumen: Un trámite de ejemplo, con un resumen bastante más largo que antes.")
    quick = pipeline.build(project, incremental=state, leaflets_from=second.leaflets)
    assert quick.built and "bastante más largo" in (root / "site/tramites/ejemplo-asilo/index.html").read_text(encoding="utf-8")
    handed = tmp_path / "folletos.pickle"  # the leaflet process hands its result to serve
    assert serve.lay_out_leaflets(str(root), str(root / "content"), str(project.work), str(handed)) == 0
    with handed.open("rb") as file:
        third = pipeline.build(project, incremental=state, leaflets_from=pickle.load(file))
    assert third.built
    state.settle()
    assert not _differences(root / "site", _full_build(root, tmp_path / "completo"))


def project_codes(root: Path) -> list[str]:
    checked = pipeline.check(pipeline.Project(root))
    return list(checked.content.codes)
