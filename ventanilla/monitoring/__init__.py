"""Monitoring figures: the desks' monthly aggregated attention counts (content/monitoreo/).

data.py      read and check atenciones.csv (no personal data, whole-number counts)
suppress.py  small-cell suppression with complementary suppression, and the audit
tables.py    the published tables (month, state and desk, nationality, need)
charts.py    static inline SVG bar charts, built at build time (no JavaScript)
page.py      the Monitoreo / Trends / Tendances page of one language
form.py      the desks' attention form (XLSForm for KoboToolbox / ODK Central) from formulario.yml
intake.py    `ventanilla monitoreo importar`: the form's exports become monthly counts, nothing individual kept
(the `ventanilla monitoreo` commands are ventanilla/cli/monitoring.py)
"""

from .data import Monitoring, load  # noqa: F401
