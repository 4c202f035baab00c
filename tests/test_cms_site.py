"""/admin/ in the built site: served from our own files, out of the migrants' site budget
(issue 21, section 2)."""

from __future__ import annotations

import zipfile

import pytest
import yaml
from conftest import make_project

from ventanilla import pipeline
from ventanilla.checks import sitecheck
from ventanilla.cms import admin
from ventanilla.output import weight


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("cms") / "proyecto")
    site_yml = root / "content" / "sitio.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8")
                        + "editor:\n  servidor: github\n  repositorio: ejemplo/ventanilla\n  rama: main\n",
                        encoding="utf-8")
    result = pipeline.build(pipeline.Project(root))
    assert result.built, result.mkdocs_error or [f.format() for f in result.findings.errors]
    return root / "site"


def test_the_editor_is_served_from_our_files_with_its_licence(built):
    admin_dir = built / "admin"
    page = (admin_dir / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert 'http-equiv="Content-Security-Policy"' in page and "script-src 'self' 'unsafe-eval'" in page
    assert "https://" not in page.split("Content-Security-Policy")[0]  # no CDN: every script is ours
    assert all(src.startswith(("antes.js", "decap-cms/", "ventanilla-cms.js"))
               for src in page.split('src="')[1:])
    assert (admin_dir / "decap-cms" / "decap-cms.js").stat().st_size > 1_000_000
    assert "MIT License" in (admin_dir / "decap-cms" / "LICENSE").read_text(encoding="utf-8")
    generated = yaml.safe_load((admin_dir / "config.yml").read_text(encoding="utf-8"))
    assert generated["backend"]["name"] == "github" and generated["backend"]["repo"] == "ejemplo/ventanilla"
    assert generated["publish_mode"] == "editorial_workflow"


def test_the_editor_is_not_part_of_the_migrants_site(built):
    assert "/admin" not in (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "admin/" not in (built / "sw.js").read_text(encoding="utf-8")
    with zipfile.ZipFile(built / "ventanilla-sin-conexion.zip") as bundle:
        assert not [n for n in bundle.namelist() if n.startswith("ventanilla/admin/")]
    indexes = list(built.rglob("search/*.json"))
    assert indexes
    for index in indexes:
        assert "admin/" not in index.read_text(encoding="utf-8"), index
    assert not [p for p in weight.published_pages(built) if "admin" in p.parts]
    assert not list((built / "admin").rglob("*.br"))  # not compressed for the budget either
    headers = (built / "_headers").read_text(encoding="utf-8")
    assert "/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: default-src 'self'" in headers
    assert "X-Robots-Tag: noindex, nofollow" in headers
    assert "location ^~ /admin/" in (built / "nginx.conf.example").read_text(encoding="utf-8")


def test_without_a_git_host_the_page_says_how_to_set_it_up(tmp_path):
    root = make_project(tmp_path / "p")
    admin.write(tmp_path / "site", root / "content")
    page = (tmp_path / "site" / "admin" / "index.html").read_text(encoding="utf-8")
    assert "no está configurado" in page and "ventanilla editar" in page and "noindex" in page
    assert not (tmp_path / "site" / "admin" / "config.yml").exists()


def test_the_site_check_finds_nothing_wrong_in_the_editor(built):
    problems = sitecheck.check_site(built, ["es", "en", "fr"], "https://ventanillas.example.org/")
    assert [p for p in problems if "admin" in str(p)] == []
