#!/usr/bin/env python3
"""How many entries a person can actually reach: contact coverage per kind.

Prints, for desks, services and shelters (services of the `albergue` category), how
many open entries have a phone, WhatsApp or e-mail of their own, how many have a
street address, and lists the entries with no channel at all. Closed or suspended
entries are counted apart (they are never offered). Uses the same queries as the
pages (ventanilla/content/directory.py).

    .venv/bin/python scripts/contact_coverage.py [--content content]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ventanilla import content as content_model
from ventanilla.content import directory  # noqa: E402
from ventanilla.findings import Findings  # noqa: E402


def has_address(entry: dict) -> bool:
    return bool(entry.get("direccion") or any(p.get("direccion") for p in entry.get("ubicaciones") or []))


def report(kind: str, entries: list[dict]) -> list[str]:
    open_entries = [e for e in entries if directory.is_open(e)]
    reachable = [e for e in open_entries if directory.reachable(e)]
    phone = [e for e in open_entries if directory.call_number(e)]
    address = [e for e in open_entries if has_address(e)]
    either = [e for e in open_entries if directory.reachable(e) or has_address(e)]
    n = len(open_entries) or 1
    lines = [f"{kind}: {len(open_entries)} open ({len(entries) - len(open_entries)} closed or suspended)",
             f"  phone, WhatsApp or e-mail: {len(reachable)} ({100 * len(reachable) / n:.0f} %)",
             f"  phone or WhatsApp:         {len(phone)} ({100 * len(phone) / n:.0f} %)",
             f"  street address:            {len(address)} ({100 * len(address) / n:.0f} %)",
             f"  a channel or an address:   {len(either)} ({100 * len(either) / n:.0f} %)"]
    missing = sorted(e["id"] for e in open_entries if not directory.reachable(e))
    lines.append(f"  without any channel ({len(missing)}): {', '.join(missing) or '-'}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content")
    args = parser.parse_args()
    findings = Findings(Path.cwd())
    content = content_model.load(Path(args.content), findings)
    if content is None:
        print("el contenido tiene errores: corre `ventanilla check`", file=sys.stderr)
        return 1
    desks = [d.data for d in content.desks().values()]
    services = [s.data for s in content.services().values()]
    shelters = [s for s in services if "albergue" in (s.get("categorias") or [])]
    for kind, entries in (("desks", desks), ("services", services), ("shelters", shelters)):
        print("\n".join(report(kind, entries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
