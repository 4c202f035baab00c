"""The worker processes `ventanilla serve` keeps between saves to write the languages' pages
(pages/generate.PagePool): the same pages as one process writes, and a dead worker is replaced."""

from __future__ import annotations

import os
import signal

from ventanilla import pipeline
from ventanilla.pages import generate


def test_kept_workers_write_the_same_pages_and_survive_a_dead_worker(project):
    checked = pipeline.check(pipeline.Project(project))
    assert checked.content is not None and not checked.findings.errors
    expected = generate.generate_pages(checked.content, today=pipeline.today())
    pool = generate.PagePool(project / "build" / pipeline.QR_CODES, workers=2)
    try:
        assert generate.generate_pages(checked.content, today=pipeline.today(), pool=pool) == expected
        for pid in list(pool.executor._processes):  # as if killed, or out of memory
            os.kill(pid, signal.SIGKILL)
        assert generate.generate_pages(checked.content, today=pipeline.today(), pool=pool) == expected
    finally:
        pool.close()
