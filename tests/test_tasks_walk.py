"""The task walks of scripts/benchmark_tasks.py on the bundled build, in Chromium.

The benchmark prints numbers and asserts nothing; this test only keeps its task
definitions in step with the site's navigation: every required link of every task
must still be found. A task may still end without a contact (a service with no
confirmed phone is a content finding the benchmark reports, not a test failure).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "benchmark_tasks.py"


def _module():
    if "benchmark_tasks" not in sys.modules:
        spec = importlib.util.spec_from_file_location("benchmark_tasks", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules["benchmark_tasks"] = module  # dataclasses look their module up here
        spec.loader.exec_module(module)
    return sys.modules["benchmark_tasks"]


def test_scroll_needed_counts_only_what_is_out_of_view():
    bench = _module()
    assert bench._scroll_needed(100, 140, 0) == 0
    assert bench._scroll_needed(700, 740, 0) == 100  # bottom 100 px below the screen
    assert bench._scroll_needed(100, 140, 300) == 200  # above: scroll back up
    assert bench._scroll_needed(900, 2000, 0) == 900  # taller than the screen: bring its top up


def test_the_walk_uses_the_nearest_matching_contact():
    """A contact nine screens down does not stop the walk (a person taps the jump link
    instead); of two matching contacts, the one that needs less scrolling is used."""
    bench = _module()
    goal = bench.Goal(("comar",))
    contact = lambda top, text: {"kind": "tel", "fallback": False, "heading": "COMAR", "block": text,  # noqa: E731
                                 "text": text, "top": top, "bottom": top + 40}
    found = {"scrollY": 0, "contacts": [contact(6000, "far"), contact(300, "near")]}
    assert bench._nearest(found, goal)["text"] == "near"
    assert bench._nearest(found, goal, within=bench.HEIGHT)["text"] == "near"
    far_only = {"scrollY": 0, "contacts": [contact(6000, "far")]}
    assert bench._nearest(far_only, goal, within=bench.HEIGHT) is None
    assert bench._nearest(far_only, goal)["text"] == "far"
    assert bench._nearest(far_only, bench.Goal(("asilo",))) is None


def test_every_task_finds_its_links_on_the_bundled_site(server, browser):
    bench = _module()
    base, _ = server
    assert len(bench.TASKS) >= 6
    results = bench.run(browser, base)
    for r in results:
        assert not r.failure.startswith("no link"), f"{r.task}: {r.failure}"
        assert r.taps >= 1 and r.final_url, r
        assert all(x["screens"] >= 0 for x in r.path)
        if r.reached:
            assert r.contact and r.contact_kind in ("tel", "wa", "address")
    table = bench.table(results)
    assert sum(line.startswith("| ") for line in table.splitlines()) == len(results) + 1  # header + rows
