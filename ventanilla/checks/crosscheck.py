"""Checks that need more than one field or more than one file (after the JSON Schema).

Cases handled, each a finding with file, line, severity and code:
- error `id-duplicado`: two desks/organisations/services/situations share an id
- aviso `id-nombre-archivo`: the id differs from the file name
- error `referencia-rota`: a referenced id (service, organisation, state, category,
  population, desk service) does not exist; the closest existing id is suggested
  (`por-completar`, written by `ventanilla new`, is reported by placeholders.py instead)
- error `telefono-invalido`: a phone or WhatsApp number that is not a valid Mexican or
  international number (checked with the phonenumbers library); short codes such as 911
  (phonenumbers' short-number list for Mexico) and carriers' star codes such as *765 (a
  star and 3 or 4 digits, which that list does not hold) only where `tipo: emergencia`
- error `horario`: opening time not before closing time; aviso for overlapping ranges
- error `fuera-de-mexico`: coordinates outside Mexico
- error `fecha-invalida` / `fecha-futura`: a date that does not exist or lies ahead
- error `html-no-permitido`: raw HTML or a script in a text field or Markdown body
- error `enlace-roto`: a relative link in a Markdown body to a page that is not generated
- error `falta-original`: a page translated but missing in Spanish
- error `campo-solo-original`: a translation repeats a fact that only the Spanish file holds
- error `falta-campo`: a Spanish procedure, risk or community topic without sources or review date
- error `verificado-incompleto`: a desk marked verified without address, contact or hours
- error `cobertura`: a service that says neither `nacional: true` nor its states
- aviso `sin-contacto`: an open desk or service with no phone, WhatsApp or e-mail (no
  referral slip; the page says so and points to the state's desks or `respaldo` lines)
- error `referencia-rota` in sitio.yml: a home task (`tareas`) leading to a page that is not
  generated or naming an unknown icon; a `respaldo` service that does not exist
- aviso `sin-correo-correcciones` in sitio.yml: `correcciones` ("write to us") without
  `correo_correcciones`; the desk list leaves the request out rather than ask people to
  write to no address
- aviso `falta-traduccion`: English/French (or any configured language) text missing;
  the site serves Spanish with a notice
- aviso `interfaz`: an interface string missing in a language, or unknown to Spanish
- the features' own checks, handed in by the pipeline (`also`): activities/checks.py,
  pages/tasks.py (the home tasks)
- aviso `formato-regional`: a language's `formato_regional` (sitio.yml) that Babel does not know
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re

import phonenumbers
from babel import Locale, UnknownLocaleError, localedata
from phonenumbers import shortnumberinfo

from ..content import ENTITY_FOLDERS, SHARED_PAGE_FIELDS, Content, directory, native_review, placeholders, routes
from ..findings import Findings

HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|javascript\s*:", re.IGNORECASE)
MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
MEXICO_BOX = (14.3, 33.0, -118.6, -86.5)  # lat min, lat max, lon min, lon max
DATE_FIELDS = {"verificado_el", "revisado_el", "consultado"}


def _walk(value, path=()):
    """Yield (path, value) for every scalar in a nested structure."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, path + (i,))
    else:
        yield path, value


def _suggest(value, options) -> str:
    close = difflib.get_close_matches(str(value), list(options), n=1)
    return f' (¿quisiste decir "{close[0]}"?)' if close else ""


def language_name(code: str) -> str:
    """The language's name in Spanish, for editors' messages ("criollo haitiano"), from Babel."""
    try:
        return Locale.parse("es").languages.get(code) or code
    except (UnknownLocaleError, ValueError):
        return code


class Checker:
    """The checker a feature's own check receives (see `check(..., also=)`).

    Public for features: `c` (the content), `f` (the findings), `today`, `site_doc` (sitio.yml's
    document, or None), and the helpers `ref`, `refs` and `translations`.
    """

    def __init__(self, content: Content, findings: Findings, today: dt.date):
        self.c = content
        self._known: set[str] | None = None  # routes.all_paths, once per run
        self.f = findings
        self.today = today
        self.catalog = content.catalogs
        self.service_ids = set(content.services())
        self.site_doc = next((d for d in content.documents if d.path == content.root / "sitio.yml"), None)

    # -- per-document checks -------------------------------------------------
    def scalars(self, doc):
        for path, value in _walk(doc.data):
            line = doc.line(path)
            key = next((p for p in reversed(path) if isinstance(p, str)), "")
            if isinstance(value, str):
                if HTML_TAG.search(value):
                    self.f.error(doc.path, line, "html-no-permitido",
                                 f'el campo "{key}" contiene HTML o un script ({HTML_TAG.search(value).group(0)}); '
                                 "escribe solo texto")
                if key in DATE_FIELDS:
                    self.date(doc, line, key, value)

    def date(self, doc, line, key, value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                self.f.error(doc.path, line, "fecha-invalida", f'la fecha "{value}" no existe en el calendario')
            return  # a wrong format is already reported by the schema
        if day > self.today:
            self.f.error(doc.path, line, "fecha-futura",
                         f'la fecha "{value}" en "{key}" es posterior a hoy ({self.today.isoformat()}); '
                         "escribe la fecha en que se verificó")

    def body(self, doc, lang):
        if self._known is None:  # every page's body is checked against the same paths
            self._known = routes.all_paths(self.c)
        known = self._known
        here = posixpath.dirname(doc.path.relative_to(self.c.root / lang).as_posix())
        here = {"paginas": ""}.get(here, here)  # plain pages are published at the root
        for offset, line_text in enumerate(doc.body.split("\n")):
            line = doc.body_line + offset
            match = HTML_TAG.search(line_text)
            if match:
                self.f.error(doc.path, line, "html-no-permitido",
                             f"el texto contiene HTML o un script ({match.group(0)}); usa Markdown sin etiquetas")
            for link in MD_LINK.findall(line_text):
                if re.match(r"^[a-z]+:", link) or link.startswith("#"):
                    continue
                target = link.split("#")[0]
                resolved = posixpath.normpath(posixpath.join(here, target)) if target else ""
                if target and resolved not in known:
                    self.f.error(doc.path, line, "enlace-roto",
                                 f'el enlace "{link}" no lleva a ninguna página del portal'
                                 f"{_suggest(resolved, known)}; usa rutas como ../tramites/asilo-comar.md")

    def phones(self, doc):
        for path, value in _walk(doc.data):
            if not path or not isinstance(value, str):
                continue
            key = path[-1]
            if key not in ("numero", "whatsapp"):
                continue
            parent = doc.data
            for p in path[:-1]:
                parent = parent[p]
            emergency = isinstance(parent, dict) and parent.get("tipo") == "emergencia"
            if not self._phone_ok(value, emergency):
                self.f.error(doc.path, doc.line(path), "telefono-invalido",
                             f'el teléfono "{value}" no es válido (ejemplo: +52 962 123 4567; '
                             "los números cortos como 911 o *765 llevan tipo: emergencia)")

    @staticmethod
    def _phone_ok(number: str, emergency: bool) -> bool:
        if directory.is_star_code(number):
            return emergency  # a star code is only ever an emergency or hotline code
        try:
            parsed = phonenumbers.parse(number, "MX")
        except phonenumbers.NumberParseException:
            return False
        if emergency and shortnumberinfo.is_valid_short_number_for_region(parsed, "MX"):
            return True
        return phonenumbers.is_valid_number(parsed)

    def hours(self, doc, path, ranges):
        by_day: dict[str, list] = {}
        for i, item in enumerate(ranges or []):
            if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("abre", "cierra")):
                continue
            if item["abre"] >= item["cierra"]:
                self.f.error(doc.path, doc.line(path + (i, "cierra")), "horario",
                             f'cierra ({item["cierra"]}) debe ser después de abre ({item["abre"]}); usa horas de 24 horas, p. ej. 17:00')
                continue
            for day in item.get("dias") or []:
                for other in by_day.get(day, []):
                    if item["abre"] < other[1] and other[0] < item["cierra"]:
                        self.f.warning(doc.path, doc.line(path + (i,)), "horario",
                                       f"el horario del día {day} se cruza con otro del mismo día")
                by_day.setdefault(day, []).append((item["abre"], item["cierra"]))

    def coordinates(self, doc, path, coords):
        if not isinstance(coords, dict):
            return
        lat, lon = coords.get("lat"), coords.get("lon")
        if not all(isinstance(v, (int, float)) for v in (lat, lon)):
            return
        lat_min, lat_max, lon_min, lon_max = MEXICO_BOX
        if not (lat_min <= lat <= lat_max and lon_min <= lon <= lon_max):
            hint = " (¿invertiste lat y lon?)" if lat_min <= lon <= lat_max else ""
            self.f.error(doc.path, doc.line(path), "fuera-de-mexico",
                         f"las coordenadas {lat}, {lon} quedan fuera de México{hint}; "
                         "la latitud va de 14 a 33 y la longitud de -118 a -86")

    def ref(self, doc, path, value, options, what):
        if placeholders.is_placeholder_id(value):
            return  # left by `ventanilla new`: a warning (placeholders.py), not a broken reference
        if isinstance(value, str) and value not in options:
            self.f.error(doc.path, doc.line(path), "referencia-rota",
                         f'{what} "{value}" no existe{_suggest(value, options)}')

    def refs(self, doc, path, values, options, what):
        if isinstance(values, str):  # a text where a list belongs: the schema says so (`tipo`); check the id
            values = [values]
        for i, value in enumerate(values or []):
            self.ref(doc, path + (i,), value, options, what)

    def translations(self, doc):
        """One warning per language listing the text fields without that language."""
        missing: dict[str, list] = {}
        for path, value in _walk_texts(doc.data, self.c.source_lang):
            for lang in self.c.codes[1:]:
                if lang not in value:
                    missing.setdefault(lang, []).append(path)
        for lang, paths in missing.items():
            names = ", ".join(".".join(str(p) for p in path) for path in paths[:4])
            more = f" y {len(paths) - 4} más" if len(paths) > 4 else ""
            self.f.warning(doc.path, doc.line(paths[0]), "falta-traduccion",
                           f"falta la traducción al {language_name(lang)} ({lang}) de {names}{more}; "
                           "se mostrará en español con un aviso")

    # -- per-kind checks -----------------------------------------------------
    def entities(self):
        seen: dict[str, object] = {}
        for doc in self.c.documents:
            folder = doc.path.parent.name
            if doc.path.parent.parent != self.c.root or folder not in ENTITY_FOLDERS:
                continue
            entity_id = doc.data.get("id")
            if not isinstance(entity_id, str):
                continue
            if entity_id in seen:
                first = seen[entity_id]
                self.f.error(doc.path, doc.line(("id",)), "id-duplicado",
                             f'el id "{entity_id}" ya se usa en {self.f.relative(first.path)}:{first.line(("id",))}; '
                             "cada ficha necesita un id propio")
            else:
                seen[entity_id] = doc
            if entity_id != doc.path.stem:
                self.f.warning(doc.path, doc.line(("id",)), "id-nombre-archivo",
                               f'el id "{entity_id}" no coincide con el nombre del archivo "{doc.path.name}"; '
                               "renombra el archivo o cambia el id")

    def desk(self, e):
        d, doc = e.data, e.doc
        self.unreachable(e, "esta ventanilla")
        self.ref(doc, ("entidad",), d.get("entidad"), self.catalog.get("entidades", {}), "la entidad")
        self.refs(doc, ("servicios",), d.get("servicios"), self.catalog.get("servicios_ventanilla", {}), "el servicio de ventanilla")
        self.hours(doc, ("horario",), d.get("horario"))
        self.coordinates(doc, ("coordenadas",), d.get("coordenadas"))
        if d.get("estatus") == "verificado":
            missing = [k for k in ("direccion", "horario") if not d.get(k)]
            if not (d.get("telefonos") or d.get("correo") or d.get("whatsapp")):
                missing.append("telefonos o correo")
            if missing:
                self.f.error(doc.path, doc.line(("estatus",)), "verificado-incompleto",
                             f"una ventanilla verificada necesita {', '.join(missing)}; "
                             "complétalo o marca estatus: sin_verificar")

    def unreachable(self, e, kind: str):
        """An open desk or service with no phone, WhatsApp or e-mail: nobody can be sent there
        (warning `sin-contacto`; it gets no referral slip)."""
        if directory.is_open(e.data) and not directory.reachable(e.data):
            slip = " y no tendrá hoja de referencia" if kind == "este servicio" else ""
            self.f.warning(e.doc.path, e.doc.line(("id",)) or 1, "sin-contacto",
                           f"{kind} no tiene teléfono, WhatsApp ni correo; busca uno en fuentes públicas "
                           f"(la página dirá «sin contacto confirmado»{slip})")

    def service(self, e):
        d, doc = e.data, e.doc
        self.unreachable(e, "este servicio")
        states = self.catalog.get("entidades", {})
        self.ref(doc, ("organizacion",), d.get("organizacion"), self.c.organizations(), "la organización")
        self.refs(doc, ("categorias",), d.get("categorias"), self.catalog.get("categorias", {}), "la categoría")
        self.refs(doc, ("poblaciones",), d.get("poblaciones"), self.catalog.get("poblaciones", {}), "la población")
        coverage = d.get("cobertura") or {}
        if isinstance(coverage, dict):
            self.refs(doc, ("cobertura", "entidades"), coverage.get("entidades"), states, "la entidad")
            if not coverage.get("nacional") and not coverage.get("entidades"):
                self.f.error(doc.path, doc.line(("cobertura",)), "cobertura",
                             "indica nacional: true o la lista de entidades donde se presta el servicio")
        self.hours(doc, ("horario",), d.get("horario"))
        for i, place in enumerate(d.get("ubicaciones") or []):
            if isinstance(place, dict):
                self.ref(doc, ("ubicaciones", i, "entidad"), place.get("entidad"), states, "la entidad")
                self.hours(doc, ("ubicaciones", i, "horario"), place.get("horario"))
                self.coordinates(doc, ("ubicaciones", i, "coordenadas"), place.get("coordenadas"))

    def urgency(self, e):
        d, doc = e.data, e.doc
        self.refs(doc, ("servicios",), d.get("servicios"), self.service_ids, "el servicio")
        for state, ids in (d.get("por_entidad") or {}).items():
            self.ref(doc, ("por_entidad", state), state, self.catalog.get("entidades", {}), "la entidad")
            self.refs(doc, ("por_entidad", state), ids, self.service_ids, "el servicio")

    def page(self, page):
        source = self.c.source_lang
        src = page.docs.get(source)
        if src is None:
            for doc in page.docs.values():
                self.f.error(doc.path, 1, "falta-original",
                             f"esta página no existe en español (content/{source}/…/{doc.path.name}); "
                             "escribe primero la versión en español")
            return
        if page.kind in ("tramite", "riesgo", "comunidad"):
            for key in ("fuentes", "revisado_el", "estatus"):
                if key not in src.data:
                    self.f.error(src.path, 1, "falta-campo",
                                 f'falta el campo obligatorio "{key}" (va solo en la versión en español)')
        self.refs(src, ("servicios",), src.data.get("servicios"), self.service_ids, "el servicio")
        self.refs(src, ("ayuda",), src.data.get("ayuda"), self.service_ids, "el servicio")
        self.refs(src, ("etapas",), src.data.get("etapas"), self.catalog.get("etapas", {}), "la etapa")
        for lang, doc in page.docs.items():
            if lang != source:
                for key in sorted(SHARED_PAGE_FIELDS & set(doc.data)):
                    self.f.error(doc.path, doc.line((key,)), "campo-solo-original",
                                 f'"{key}" va solo en la versión en español ({self.f.relative(src.path)}): '
                                 "bórralo de la traducción")
            self.body(doc, lang)
        for lang in self.c.codes[1:]:
            if lang not in page.docs:
                self.f.warning(src.path, 1, "falta-traduccion",
                               f"falta la traducción al {language_name(lang)}: "
                               f"content/{lang}/{src.path.parent.name}/{src.path.name}; se mostrará en español con un aviso")

    def interface(self):
        source = self.c.source_lang
        keys = set(self.c.ui.get(source, {}))
        for lang in self.c.codes[1:]:
            path = self.c.root / lang / "interfaz.yml"
            strings = self.c.ui.get(lang, {})
            missing = sorted(keys - set(strings))
            if missing and path.exists():
                self.f.warning(path, 1, "interfaz",
                               f"faltan {len(missing)} textos de interfaz en {language_name(lang)}: "
                               f"{', '.join(missing[:6])}{' …' if len(missing) > 6 else ''}; se mostrarán en español")
            for key in sorted(set(strings) - keys - {native_review.FIELD}):
                self.f.warning(path, 1, "interfaz", f'el texto "{key}" no existe en content/{source}/interfaz.yml')

    def state_forms(self):
        """catalogos.yml `entidades_en` / `entidades_de`: each id is a state of `entidades`."""
        doc = next((d for d in self.c.documents if d.path == self.c.root / "catalogos.yml"), None)
        if doc is None:
            return
        states = self.catalog.get("entidades", {})
        for group in ("entidades_en", "entidades_de"):
            for state in self.catalog.get(group) or {}:
                self.ref(doc, (group, state), state, states, "la entidad")

    def locales(self):
        site = next((d for d in self.c.documents if d.path == self.c.root / "sitio.yml"), None)
        for i, lang in enumerate(self.c.languages):
            for j, other in enumerate(lang.if_missing):
                if site and other not in self.c.codes:
                    self.f.error(site.path, site.line(("idiomas", i, "si_falta", j)), "idiomas",
                                 f'"{other}" no es uno de los idiomas del portal (idiomas: {", ".join(self.c.codes)})')
            if site and lang.locale and not localedata.exists(lang.locale):
                self.f.warning(site.path, site.line(("idiomas", i, "formato_regional")), "formato-regional",
                               f'no se conoce el formato regional "{lang.locale}"; las fechas del idioma "{lang.code}" '
                               "se escribirán en su formato general (usa, p. ej., en_GB o fr_FR)")

    def run(self):
        self.locales()
        for doc in self.c.documents:
            self.scalars(doc)
        for entities in self.c.entities.values():
            for entity in entities.values():
                self.phones(entity.doc)
        self.entities()
        for e in self.c.desks().values():
            self.desk(e)
            self.translations(e.doc)
        for e in self.c.services().values():
            self.service(e)
            self.translations(e.doc)
        for e in self.c.organizations().values():
            self.translations(e.doc)
        for e in self.c.urgencies().values():
            self.urgency(e)
            self.translations(e.doc)
        for pages in self.c.pages.values():
            for page in pages.values():
                self.page(page)
        self.interface()
        self.state_forms()
        site_doc = self.site_doc
        if self.c.site.get("correcciones") and not self.c.site.get("correo_correcciones") and site_doc is not None:
            self.f.warning(site_doc.path, site_doc.line(("correcciones",)), "sin-correo-correcciones",
                           "«correcciones» pide que la gente escriba, pero falta correo_correcciones: "
                           "la lista de ventanillas no lo mostrará hasta que haya un correo real")
        for ref_i, ref in enumerate(self.c.site.get("respaldo") or []):
            if ref not in self.service_ids and site_doc is not None:
                self.f.error(site_doc.path, site_doc.line(("respaldo", ref_i)), "referencia-rota",
                             f'el servicio "{ref}" no existe{_suggest(ref, self.service_ids)}')


def _walk_texts(value, source_lang, path=()):
    """Yield (path, mapping) for every multilingual text ({es: …}) in a structure."""
    if isinstance(value, dict):
        if source_lang in value and all(isinstance(k, str) and len(k) in (2, 3) for k in value):
            yield path, value
            return
        for key, item in value.items():
            yield from _walk_texts(item, source_lang, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_texts(item, source_lang, path + (i,))


def check(content: Content, findings: Findings, today: dt.date | None = None, also=()) -> None:
    """Run every rule above, then each feature check in `also` (a callable taking the Checker)."""
    checker = Checker(content, findings, today or dt.date.today())
    checker.run()
    for feature_check in also:
        feature_check(checker)
