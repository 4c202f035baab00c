"""Page weight budgets and a deployable, deterministic output (on the built files)."""

from __future__ import annotations

import filecmp
import os
import re
import statistics
import subprocess
import sys
import zipfile

import pytest
from conftest import REPO, make_project
from lxml import html as lxml_html

from ventanilla.output import weight
from ventanilla.output.compress import TEXT

KB = 1024


@pytest.fixture(scope="module")
def loads(bundled_build):
    root, _ = bundled_build
    site = root / "site"
    return [weight.page_load(site, page) for page in weight.published_pages(site)]


def test_first_visit_budget_on_every_page(loads):
    over = [(l.page, l.total.brotli) for l in loads if l.total.brotli > 20 * KB]
    assert not over, over
    assert statistics.median(l.total.brotli for l in loads) <= 15 * KB
    assert max(l.requests for l in loads) <= 5


def test_repeat_visit_is_the_html_alone_within_6_kb(loads):
    over = [(l.page, l.html.brotli) for l in loads if l.html.brotli > 6 * KB]
    assert not over, over


def test_nothing_loads_from_another_host(loads):
    assert [(l.page, l.external) for l in loads if l.external] == []


def test_precompressed_copies_beside_every_text_file(bundled_build):
    site = bundled_build[0] / "site"
    missing = [p for p in site.rglob("*") if p.is_file() and p.suffix in TEXT
               and p.relative_to(site).parts[0] != "admin"  # the editors' form editor, not the migrants' site
               and not (p.with_name(p.name + ".br").exists() and p.with_name(p.name + ".gz").exists())]
    assert missing == []
    assert not list(site.rglob("*.map"))


def test_compressed_copies_come_from_the_cache_which_keeps_only_what_is_used(tmp_path):
    import gzip

    from ventanilla.output import compress

    site, cache = tmp_path / "site", tmp_path / "compressed"
    site.mkdir()
    (site / "a.html").write_text("<p>uno</p>" * 50, encoding="utf-8")
    (site / "b.css").write_text("p{color:red}" * 50, encoding="utf-8")
    compress.write(site, cache)
    assert len(list(cache.iterdir())) == 4  # .gz and .br of each
    (site / "a.html").write_text("<p>dos</p>" * 50, encoding="utf-8")  # an edit between builds
    for old in site.glob("*.[gb][zr]"):
        old.unlink()  # a build starts from a new site
    compress.write(site, cache)
    assert len(list(cache.iterdir())) == 4  # the copies of "uno" are gone, not kept forever
    assert gzip.decompress((site / "a.html.gz").read_bytes()) == (site / "a.html").read_bytes()
    assert (site / "b.css.br").stat().st_nlink == 2  # linked from the cache, not written again


def test_assets_are_fingerprinted_and_headers_say_how_to_cache(bundled_build):
    site = bundled_build[0] / "site"
    names = sorted(p.name for p in (site / "assets").glob("*.css")) + sorted(p.name for p in (site / "assets").glob("*.js"))
    assert all(len(n.split(".")) == 3 and len(n.split(".")[1]) == 10 for n in names), names
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self'; script-src 'self'" in headers
    assert "/assets/*\n  Cache-Control: public, max-age=31536000, immutable" in headers
    assert "add_header Content-Security-Policy" in (site / "nginx.conf.example").read_text(encoding="utf-8")
    # the CSP forbids inline scripts: the pages must not have any
    for page in weight.published_pages(site):
        text = page.read_text(encoding="utf-8")
        assert "<script>" not in text and "<script " not in text.replace('<script src=', '').replace(
            '<script type="application/ld+json">', ''), page  # JSON-LD is data, never run


def test_every_page_carries_the_headers_policy_in_a_meta(bundled_build):
    """For hosts that ignore `_headers`: the same policy, less what a <meta> cannot carry,
    first after the charset (a policy applies only to what follows it)."""
    site = bundled_build[0] / "site"
    header = re.search(r"Content-Security-Policy: (.+)", (site / "_headers").read_text(encoding="utf-8")).group(1)
    expected = "; ".join(d for d in header.split("; ") if d.split()[0] not in ("frame-ancestors", "report-uri", "sandbox"))
    assert "default-src 'self'" in expected and "frame-ancestors" not in expected
    pages = weight.published_pages(site)  # the editors' /admin/ has a policy of its own
    assert len(pages) > 20
    for page in pages:
        head = lxml_html.fromstring(page.read_bytes()).find("head")
        assert head[0].get("charset") == "utf-8", page
        assert (head[1].get("http-equiv"), head[1].get("content")) == ("Content-Security-Policy", expected), page


def test_offline_bundle_links_to_index_files(bundled_build):
    site = bundled_build[0] / "site"
    with zipfile.ZipFile(site / "ventanilla-sin-conexion.zip") as bundle:
        names = bundle.namelist()
        assert "ventanilla/index.html" in names and "ventanilla/en/urgente/index.html" in names
        home = bundle.read("ventanilla/en/index.html").decode("utf-8")
    assert 'href="urgente/index.html"' in home
    assert not any(n.endswith((".br", ".gz")) for n in names)


# a build in a process of its own, as `ventanilla build` runs
BUILD = "import sys; from ventanilla import pipeline; sys.exit(0 if pipeline.build(pipeline.Project(sys.argv[1])).built else 1)"


@pytest.mark.slow
def test_builds_in_processes_with_other_hash_seeds_are_byte_identical(fixture_build, tmp_path):
    """String hashes (the order of sets and of some dicts) change with PYTHONHASHSEED; the
    site must not. The session's build of the minimal content, made in this process, against
    a cold build of the same content (no cache) in a process with another seed."""
    root, _ = fixture_build
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"  # this process's differs
    other = make_project(tmp_path / "p")
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-c", BUILD, str(other)], env=env, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    sites = [root / "site", other / "site"]
    left = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    right = sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file())
    assert left == right
    assert len(left) > 100 and any(p.suffix == ".pdf" for p in left)
    _, mismatch, errors = filecmp.cmpfiles(sites[0], sites[1], [str(p) for p in left], shallow=False)
    assert mismatch == [] and errors == []
