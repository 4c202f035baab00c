"""Write the SYNTHETIC starter figures content/monitoreo/atenciones.csv (invented numbers,
for the layout only; replace them with the desks' real monthly aggregates).

    .venv/bin/python scripts/monitoreo_sintetico.py
"""

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESKS = {"ventanilla-tapachula": 260, "ventanilla-suchiate": 120, "ventanilla-motozintla": 40,
         "ventanilla-palenque": 70, "ventanilla-tijuana": 150, "ventanilla-nuevo-laredo": 90,
         "ventanilla-san-luis-potosi": 30, "ventanilla-puebla": 25}
MONTHS = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
NATIONALITIES = {"HN": 30, "GT": 18, "SV": 10, "VE": 20, "CU": 9, "HT": 8, "NI": 3, "CO": 1.5, "EC": 0.4, "CN": 0.15}
SEXES = {"mujer": 45, "hombre": 53, "otro": 2}
AGES = {"0-11": 14, "12-17": 8, "18-29": 38, "30-59": 38, "60+": 2}
NEEDS = {"asilo-refugio": 30, "regularizacion": 22, "documentos-identidad": 12, "salud": 10, "albergue": 12,
         "empleo": 8, "asesoria-legal": 6, "contacto-familiar": 2, "victimas-delito-trata": 0.06}
REFERRALS = {"asilo-refugio": 25, "albergue": 12, "salud": 8, "asesoria-legal": 6, "empleo": 4, "documentos-identidad": 3}


def split(total, weights, rng):
    """`total` people spread over the categories (multinomial draw)."""
    counts = dict.fromkeys(weights, 0)
    keys, w = list(weights), list(weights.values())
    for _ in range(total):
        counts[rng.choices(keys, w)[0]] += 1
    return counts


def main():
    rng = random.Random(20261125)
    lines = ["# DATOS SINTÉTICOS: cifras inventadas para mostrar el diseño. No son atenciones reales.",
             "# Sustitúyelas por los totales mensuales de cada ventanilla y quita datos_sinteticos de content/sitio.yml.",
             "mes,ventanilla,dimension,categoria,personas"]
    for month in MONTHS:
        for desk, size in DESKS.items():
            people = max(1, int(rng.gauss(size, size / 6)))
            for dim, weights in (("nacionalidad", NATIONALITIES), ("sexo", SEXES), ("edad", AGES),
                                 ("necesidad", NEEDS), ("canalizacion", REFERRALS)):
                n = people if dim in ("nacionalidad", "sexo", "edad", "necesidad") else people // 2
                for cat, count in split(n, weights, rng).items():
                    if count:
                        lines.append(f"{month},{desk},{dim},{cat},{count}")
    (ROOT / "content" / "monitoreo" / "atenciones.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
