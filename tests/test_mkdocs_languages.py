"""MkDocs with the languages after the first built side by side (ventanilla/generator/mkdocs_languages.py),
on a tiny three-language project: same pages as the i18n plugin's own loop, each language
reported once, and a failure in a forked language fails the build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ventanilla.generator import mkdocs_step

LANGS = ("es", "en", "fr")


def tiny_project(root: Path) -> Path:
    for lang in LANGS:
        for page in ("index.md", "otra.md"):
            path = root / "docs" / lang / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {lang} {page}\n\n[otra](otra.md)\n", encoding="utf-8")
    config = {
        "site_name": "t", "site_url": "https://example.org/", "docs_dir": str(root / "docs"),
        "site_dir": str(root / "site"), "theme": {"name": "material", "font": False},
        "plugins": [{"i18n": {"docs_structure": "folder", "fallback_to_default": False,
                              "languages": [{"locale": lang, "name": lang, "default": lang == "es", "build": True}
                                            for lang in LANGS]}}],
        "validation": {"links": {"not_found": "warn"}},
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def built_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_languages_side_by_side_give_the_sequential_site(tmp_path):
    sites = {}
    for workers in (1, 2):
        root = tmp_path / f"w{workers}"
        config = tiny_project(root)
        reported = []
        with mkdocs_step.MkDocsRun(config, "1764000000", workers=workers) as mkdocs:
            mkdocs.run(on_language=reported.append)
        assert sorted(reported) == sorted(LANGS) and reported[0] == "es"  # each once, the first first
        sites[workers] = built_files(root / "site")
    assert sites[1] == sites[2]
    for lang_folder in ("", "en/", "fr/"):
        assert f"{lang_folder}otra/index.html" in sites[2]
    # written by output/ from the finished site, not by MkDocs (no process sees every page)
    assert "sitemap.xml" not in sites[2] and "404.html" not in sites[2]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_warning_in_a_forked_language_fails_the_build(tmp_path, workers):
    config = tiny_project(tmp_path)
    (tmp_path / "docs/fr/otra.md").write_text("# fr\n\n[cassé](nulle-part.md)\n", encoding="utf-8")
    with pytest.raises(mkdocs_step.MkDocsFailed) as failed, \
            mkdocs_step.MkDocsRun(config, "1764000000", workers=workers) as mkdocs:
        mkdocs.run()
    assert "nulle-part.md" in str(failed.value)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_dirty_build_renders_only_the_languages_it_is_told(tmp_path, workers):
    """`serve` leaves out the languages where no file changed (incremental.languages_to_render);
    a full build renders every language whatever it is told."""
    config = tiny_project(tmp_path)
    with mkdocs_step.MkDocsRun(config, "1764000000", workers=workers, dirty=True) as mkdocs:
        mkdocs.run()
    for lang in LANGS:
        (tmp_path / "docs" / lang / "otra.md").write_text(f"# {lang} cambiada\n", encoding="utf-8")
    reported = []
    with mkdocs_step.MkDocsRun(config, "1764000000", workers=workers, dirty=True) as mkdocs:
        mkdocs.run(on_language=reported.append, languages=["fr"])
    site = built_files(tmp_path / "site")
    assert b"es cambiada" in site["otra/index.html"]  # the first language is always built
    assert b"fr cambiada" in site["fr/otra/index.html"]
    assert b"en cambiada" not in site["en/otra/index.html"]  # left alone, as told
    assert reported == ["es", "fr"]
    with mkdocs_step.MkDocsRun(config, "1764000000", workers=workers) as mkdocs:
        mkdocs.run(languages=[])  # not dirty: the selection does not apply
    assert b"en cambiada" in built_files(tmp_path / "site")["en/otra/index.html"]


def test_mkdocs_started_but_never_told_to_build_leaves_quietly(tmp_path):
    """A build that stops before its MkDocs step (e.g. a leaflet fails) ends the waiting process."""
    config = tiny_project(tmp_path)
    with mkdocs_step.MkDocsRun(config, "1764000000") as mkdocs:
        process = mkdocs.proc
    assert process.returncode == 0
    assert not (tmp_path / "site").exists()


def test_the_previous_site_is_moved_aside_and_deleted(tmp_path):
    site, work = tmp_path / "site", tmp_path / "build"
    (site / "en" / "viejo").mkdir(parents=True)
    (site / "en" / "viejo" / "index.html").write_text("<p>antes</p>", encoding="utf-8")
    old = mkdocs_step.OldSite(site, work)
    assert not site.exists()  # at once: MkDocs starts from an empty folder
    old.wait()
    assert not (work / "sitio-anterior").exists()
