"""A zip of the site for desks to pass on by USB or Bluetooth: it works when opened
from disk (file://), where a folder link shows a file list instead of its page, so
every link to a folder is pointed at its index.html. The zip is deterministic
(sorted entries, fixed dates) and holds no .gz/.br copies."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

HREF = re.compile(r'(href|src)="([^":#?]*/)(#[^"]*)?"')
FIXED_DATE = (2020, 1, 1, 0, 0, 0)
NAME = "ventanilla-sin-conexion.zip"


def _for_disk(html: str) -> str:
    return HREF.sub(lambda m: f'{m.group(1)}="{m.group(2)}index.html{m.group(3) or ""}"', html)


def write(site: Path, leave_out: frozenset[str] = frozenset()) -> Path:
    """`leave_out`: top folders not zipped (written after the zip in a full build)."""
    target = site / NAME
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br") and p != target
                   and p.relative_to(site).parts[0] not in leave_out)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in files:
            rel = path.relative_to(site).as_posix()
            data = path.read_bytes()
            if path.suffix == ".html":
                data = _for_disk(data.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(f"ventanilla/{rel}", FIXED_DATE)
            # PDFs are compressed inside: deflating them again takes most of the zip's time
            # for about 2 % of its size
            info.compress_type = zipfile.ZIP_STORED if path.suffix == ".pdf" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, data)
    return target
