"""What a leaflet template may ask for while it writes one leaflet in one language.

The HTML counterpart of pagecontext.PageContext, whose interface strings, Babel dates,
days and catalogue names it reuses. Content texts come out HTML-escaped (Jinja's
autoescape does the rest); a text missing in the reader's language is served in
Spanish inside `lang="es"` and remembered, so the leaflet shows the same
"translation pending" notice as the page.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..content import localize, routes
from ..render.pagecontext import PageContext, phone_forms


class LeafletTexts:
    def __init__(self, content, lang: str):
        self.content = content
        self.lang = lang
        self.source = content.source_lang
        self._page = PageContext(content, lang, routes.HOME)
        self.fallback_used = False

    # -- interface strings, dates, catalogues (as on the pages) --------------
    def ui(self, key: str, **values) -> str:
        return self._page.ui(key, **values)

    def date(self, iso) -> str:
        return self._page.date(str(iso))

    def catalog(self, group: str, item_id: str) -> str:
        return self._page.catalog(group, item_id)

    def state(self, state_id: str) -> dict[str, str]:
        return self._page.state(state_id)

    def days(self, days: list[str]) -> str:
        return self._page.days(days)

    def plain(self, value) -> str:
        return localize.plain(value, self.lang, self.content.fallbacks(self.lang))

    def network(self) -> str:
        """The desk network's name (content/sitio.yml `nombre`) in this language."""
        return self.plain(self.content.site["nombre"])

    def language_names(self, codes) -> str:
        return localize.language_names(self.content, codes)

    # -- content texts with fallback ----------------------------------------
    def text(self, value) -> Markup | None:
        picked = localize.pick(value, self.lang, self.content.fallbacks(self.lang))
        if picked is None:
            return None
        return self._mark(picked, escape(picked.value))

    def texts(self, value) -> list[Markup]:
        picked = localize.pick(value, self.lang, self.content.fallbacks(self.lang))
        if picked is None:
            return []
        return [self._mark(picked, escape(item)) for item in picked.value]

    def _mark(self, picked: localize.Text, html: Markup) -> Markup:
        if picked.fallback:
            self.fallback_used = True
            return Markup(f'<span lang="{picked.lang}">{html}</span>')
        return html

    def reason(self, category: str) -> str:
        """A referral reason (a tick box on the slip) for a directory category: its short
        label `referencia_motivo_<id>` in interfaz.yml (hyphens as underscores), else
        the catalogue's name."""
        key = "referencia_motivo_" + category.replace("-", "_")
        if (self.content.ui.get(self.lang) or {}).get(key):
            return self.ui(key)
        return self.catalog("categorias", category)

    # -- phones and hours ----------------------------------------------------
    def phone(self, number: str) -> Markup:
        """The number as people dial it in Mexico, a tel: link in PDF viewers."""
        shown, dial = phone_forms(number)
        return Markup(f'<a class="tel" href="tel:{escape(dial)}">{escape(shown)}</a>')

    def phone_label(self, tipo: str | None) -> str:
        return self.ui("whatsapp") if tipo == "whatsapp" else self.ui("telefono")

    def hours(self, ranges) -> list[Markup]:
        lines = []
        for item in ranges or []:
            line = escape(f"{self.days(item['dias'])}: {item['abre']} – {item['cierra']}")
            note = self.text(item.get("nota"))
            lines.append(Markup(f"{line} ({note})") if note else line)
        return lines
