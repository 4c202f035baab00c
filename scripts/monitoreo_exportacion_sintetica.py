"""Write a SYNTHETIC export of the desks' attention form, as KoboToolbox or ODK Central
would (invented answers, for the tests and the benchmark of `ventanilla monitoreo importar`).

    .venv/bin/python scripts/monitoreo_exportacion_sintetica.py --n 5000 --forma kobo --formato csv --out /tmp/k.csv

--forma kobo:    `;` separator, group prefixes with `/` (persona/edad), select_multiple as one
                 0/1 column per option (persona/idiomas/es), Kobo's metadata (_id, _uuid, _submitted_by…)
--forma central: `,` separator, group prefixes with `-` (persona-edad), select_multiple as
                 space-separated values, Central's metadata (SubmissionDate, KEY, SubmitterName…)
--formato xlsx writes the same table as the first sheet of an .xlsx.
`records()` gives the answers themselves, so that a test can count them independently.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ventanilla.monitoring import form  # noqa: E402

MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
NATIONALITIES = {"HN": 30, "GT": 18, "SV": 10, "VE": 20, "CU": 9, "HT": 8, "NI": 3, "CO": 1.5, "EC": 0.4, "CN": 0.15, "MX": 4}
SEXES = {"mujer": 45, "hombre": 53, "otro": 2}
AGES = {"0-11": 14, "12-17": 8, "18-29": 38, "30-59": 38, "60+": 2}
SITUATIONS = {"en-transito": 45, "vivir-en-mexico": 35, "retorno": 12, "pensar-migrar": 8}
LANGUAGES = {"es": 80, "en": 6, "fr": 4, "ht": 8, "pt": 1, "indigena": 3, "otro": 1}
NEEDS = {"asilo-refugio": 30, "regularizacion": 22, "documentos-identidad": 12, "salud": 10, "albergue": 12,
         "empleo": 8, "asesoria-legal": 6, "contacto-familiar": 2, "victimas-delito-trata": 0.5}


def _some(rng, weights, most=3):
    k = rng.choice([1, 1, 1, 2, 2, most])
    return sorted(set(rng.choices(list(weights), list(weights.values()), k=k)))


def records(n: int, desks: list[str], months=MONTHS, seed: int = 1):
    """n invented answers: dicts of the form's field names (lists for select_multiple)."""
    rng = random.Random(seed)
    pick = lambda w: rng.choices(list(w), list(w.values()))[0]  # noqa: E731
    out = []
    for _ in range(n):
        month = rng.choice(months)
        referred = rng.random() < 0.55
        out.append({
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "fecha": f"{month}-{rng.randint(1, 28):02d}", "ventanilla": rng.choice(desks),
            "nacionalidad": pick(NATIONALITIES), "sexo": pick(SEXES), "edad": pick(AGES),
            "situacion": pick(SITUATIONS), "idiomas": _some(rng, LANGUAGES, 2), "necesidades": _some(rng, NEEDS),
            "canalizada": "si" if referred else "no", "canalizaciones": _some(rng, NEEDS, 2) if referred else [],
        })
    return out


def table(recs, shape: str, content: Path = ROOT / "content"):
    """(header, rows) as the server `shape` ("kobo" or "central") exports them."""
    fields = form.fields()
    lists = form.generate_lists(content)
    list_of = {name: [c["nombre"] for c in lists[lst]] for name, (kind, lst, _) in fields.items() if kind == "select_multiple"}
    sep = "/" if shape == "kobo" else "-"
    header, getters = [], []
    if shape == "central":
        header += ["SubmissionDate"]
        getters += [lambda r: r["fecha"] + "T18:00:00.000Z"]
    for name, (kind, _, group) in fields.items():
        col = f"{group}{sep}{name}" if group else name
        if kind == "select_multiple" and shape == "kobo":
            header.append(col)
            getters.append(lambda r, n=name: " ".join(r[n]))
            for option in list_of[name]:
                header.append(f"{col}/{option}")
                getters.append(lambda r, n=name, o=option: ("1" if o in r[n] else "0") if (r[n] or n != "canalizaciones") else "")
        elif kind == "select_multiple":
            header.append(col)
            getters.append(lambda r, n=name: " ".join(r[n]))
        else:
            header.append(col)
            getters.append(lambda r, n=name: r[n])
    if shape == "kobo":
        meta = {"_id": lambda r, i: str(1000 + i), "_uuid": lambda r, i: r["id"],
                "_submission_time": lambda r, i: r["fecha"] + "T18:00:00", "_validation_status": lambda r, i: "",
                "_notes": lambda r, i: "", "_status": lambda r, i: "submitted_via_web",
                "_submitted_by": lambda r, i: "ventanilla_usuario", "__version__": lambda r, i: "vAbC123",
                "_tags": lambda r, i: "", "_index": lambda r, i: str(i + 1)}
    else:
        meta = {"meta-instanceID": lambda r, i: "uuid:" + r["id"], "KEY": lambda r, i: "uuid:" + r["id"],
                "SubmitterID": lambda r, i: "7", "SubmitterName": lambda r, i: "ventanilla-app", "AttachmentsPresent": lambda r, i: "0",
                "AttachmentsExpected": lambda r, i: "0", "Status": lambda r, i: "", "ReviewState": lambda r, i: "",
                "DeviceID": lambda r, i: "collect:abc", "Edits": lambda r, i: "0", "FormVersion": lambda r, i: "2026120101"}
    header += list(meta)
    rows = [[g(r) for g in getters] + [m(r, i) for m in meta.values()] for i, r in enumerate(recs)]
    return header, rows


def write(path: Path, header, rows, shape: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Atención en la ventanilla")
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        book.save(path)
    else:
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter=";" if shape == "kobo" else ",",
                                quoting=csv.QUOTE_ALL if shape == "kobo" else csv.QUOTE_MINIMAL)
            writer.writerow(header)
            writer.writerows(rows)
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--forma", choices=["kobo", "central"], default="kobo")
    parser.add_argument("--formato", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--out", required=True)
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    desks = sorted(form.desks_of(Path(args.content)))
    header, rows = table(records(args.n, desks, seed=args.seed), args.forma, Path(args.content))
    out = Path(args.out).with_suffix("." + args.formato)
    write(out, header, rows, args.forma)
    print(f"{args.n} respuestas sintéticas ({args.forma}, {args.formato}) en {out}")


if __name__ == "__main__":
    main()
