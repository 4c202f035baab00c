#!/usr/bin/env python3
"""Benchmark tasks: walks real tasks in headless Chromium and prints what each cost.

Each task starts at the home page of a language, in a 360 × 640 viewport (a cheap
phone), and acts like a person: read the screen, tap the most obvious link whose
visible text matches the need (the topmost visible one), scroll only as needed, and
stop tapping once a matching contact is on the screen or the next one. At
the end it looks for a contact the person can use: a `tel:` or `https://wa.me/`
link, or a street address in a service's contact block (`.vn-contact`), under a
heading that matches the need (e.g. the trafficking section of the urgent page, or
the page of a shelter in Tijuana). Per task it prints:

- taps: links tapped to get there (the final tap that dials is not counted);
- screens: scrolling needed, in screens of 640 px, summed over the steps: for each
  tapped link and for the contact, the distance (getBoundingClientRect) the page
  must scroll to bring it fully into view, divided by 640;
- contact: whether a callable contact or a street address was reached, which one,
  and the final URL.

Targets, printed next to the numbers: ≤ 3 taps, ≤ 3 screens and a contact reached.
A step that cannot find its link, or a final page without a matching contact, fails
the task and says why; the tasks are not bent to pass (a missing phone is a finding).

Usage: .venv/bin/python scripts/benchmark_tasks.py [--site site/] [--json]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import shutil
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

WIDTH, HEIGHT = 360, 640
TARGET_TAPS, TARGET_SCREENS = 3, 3
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Step:
    """Tap the topmost visible link whose text (or aria-label) matches `text` (a
    case-insensitive regex, in the page's language). An `optional` step (e.g. an
    in-page "see offices and contacts" jump) is tapped when present and skipped
    when not; any other step that finds no link fails the task."""
    text: str
    why: str = ""  # what the person is looking for, for the failure message
    optional: bool = False


@dataclass(frozen=True)
class Goal:
    """The contact that ends the task: a `kinds` contact (tel, wa, address) whose
    context (nearest heading h1–h3, plus the list item or paragraph holding it)
    matches every regex in `match`. Fallbacks ("no confirmed contact, ask here: …")
    never count. Checked before every step too: a person who sees the number on
    this screen or the next stops tapping; one with no link left to tap scrolls
    to it."""
    match: tuple[str, ...]
    kinds: tuple[str, ...] = ("tel", "wa", "address")
    why: str = ""


@dataclass(frozen=True)
class Task:
    id: str
    who: str
    lang: str
    steps: tuple[Step, ...]
    goal: Goal


SEE_CONTACTS = Step(r"ver oficinas y contactos|oficinas y contactos", "the jump to offices and contacts", optional=True)

TASKS = (
    Task("asilo-tapachula", "Honduran woman asking for asylum in Tapachula", "es",
         (Step(r"^\s*pedir asilo\s*$", "the asylum task on the home page"),
          SEE_CONTACTS,
          Step(r"comar.*(tapachula|chiapas)|(tapachula|chiapas).*comar",
               "the COMAR office in Tapachula (or COMAR in Chiapas)")),
         Goal((r"comar|comisi[oó]n mexicana de ayuda", r"tapachula|chiapas"),
              why="a number or address of COMAR in Tapachula / Chiapas")),
    Task("albergue-tijuana", "Haitian man (French) needing a shelter tonight in Tijuana", "fr",
         (Step(r"dormir", "a place to sleep"),
          Step(r"tijuana|basse[- ]californie", "a shelter in Tijuana / Baja California")),
         Goal((r"tijuana|basse[- ]californie", r"albergue|refuge|foyer|h[ée]bergement|casa|maison|migrant"),
              why="a shelter in Tijuana with a phone or an address")),
    Task("nna-palenque", "Desk staff in Palenque referring an unaccompanied child", "es",
         (Step(r"personal", "the staff section"),
          Step(r"^\s*chiapas\s*$", "Chiapas"),
          Step(r"ni[ñn](as|os|ez)|menores|infancia", "child protection")),
         Goal((r"ni[ñn](as|os|ez)|menores|infancia|dif\b|procuradur",),
              why="a child-protection number in Chiapas")),
    Task("trata", "Someone reporting trafficking", "es",
         (Step(r"ayuda urgente|urgente", "urgent help"),
          Step(r"\btrata\b", "trafficking")),
         Goal((r"\btrata\b",), ("tel", "wa"), why="the trafficking hotline call button")),
    Task("trabajo-tvrh", "Job with a humanitarian visitor card", "es",
         (Step(r"^\s*trabajar\s*$", "the work task on the home page"),
          SEE_CONTACTS,
          Step(r"servicio nacional de empleo|bolsa de trabajo|empleo", "employment services")),
         Goal((r"empleo",), why="an employment service's number or address")),
    Task("familiar-desaparecido", "Reporting a missing relative", "en",
         (Step(r"urgent", "urgent help"),
          Step(r"missing|no news|relative", "missing relative")),
         Goal((r"missing|no news|relative|search", ), ("tel", "wa"),
              why="a number to report a missing relative")),
)

# What a person can tap: links, and the summaries that unfold a list (<details>), visible in
# the viewport's width (the closed drawer sits off-screen).
TAPPABLE = "a[href], summary"
DIALS = ("tel:", "https://wa.me/", "mailto:")
LINKS_JS = """() => {
  const out = [];
  document.querySelectorAll('a[href], summary').forEach((a, i) => {
    const r = a.getBoundingClientRect();
    if (!r.width || !r.height || r.right <= 0 || r.left >= innerWidth) return;
    if (!a.checkVisibility({visibilityProperty: true, opacityProperty: true})) return;
    const text = (a.innerText || a.getAttribute('aria-label') || a.title || '').replace(/\\s+/g, ' ').trim();
    out.push({i, text, href: a.href, top: r.top + scrollY, bottom: r.bottom + scrollY});
  });
  return {scrollY, links: out};
}"""

# Contacts in the page's content: tel: and wa.me links, and street addresses in a
# contact block (a paragraph that is not "address not confirmed" and is not a button),
# each with the nearest heading before it and the list item or paragraph holding it.
# Links in the list that follows "no confirmed contact, ask here:" are fallbacks.
CONTACTS_JS = """() => {
  const root = document.querySelector('.md-content') || document.body;
  const heads = [...root.querySelectorAll('h1, h2, h3')];
  const clean = s => (s || '').replace(/\\s+/g, ' ').replace(/¶/g, '').trim();
  const headingOf = el => {
    let h = null;
    for (const x of heads) if (x.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) h = x;
    return h ? clean(h.innerText) : '';
  };
  const seen = el => { const r = el.getBoundingClientRect();
    return r.width && r.height && el.checkVisibility({visibilityProperty: true}); };
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top + scrollY, bottom: r.bottom + scrollY}; };
  const out = [];
  root.querySelectorAll('a[href^="tel:"], a[href^="https://wa.me/"]').forEach(a => {
    if (!seen(a)) return;
    const list = a.closest('ul, ol');
    const fallback = !!(list && list.previousElementSibling && list.previousElementSibling.matches('.vn-nocontact'));
    const block = a.closest('li, p, td, dd') || a;
    out.push({kind: a.href.startsWith('tel:') ? 'tel' : 'wa', fallback, text: clean(a.innerText),
              href: a.getAttribute('href'), heading: headingOf(a), block: clean(block.innerText), ...box(a)});
  });
  const street = /\\d|\\b(calle|av\\.?|avenida|blvd\\.?|boulevard|bulevar|carretera|col\\.|colonia|km|esquina|privada|calzada|prolongaci[oó]n|libramiento|perif[eé]rico|camino|callej[oó]n|andador|paseo|circuito|glorieta)\\b/i;
  const unconfirmed = /no confirmad|not confirmed|non confirm/i;
  root.querySelectorAll('.vn-contact p').forEach(p => {
    const text = clean(p.innerText);
    const links = [...p.querySelectorAll('a')].map(a => a.innerText).join('').trim();
    if (!seen(p) || !text || unconfirmed.test(text) || links.length >= text.length - 2) return;
    if (p.matches('.vn-action, .vn-action-note, .vn-nocontact') || !street.test(text)) return;
    out.push({kind: 'address', fallback: false, text: /\\d/.test(text) ? text : text + ' [street, no number]',
              href: '', heading: headingOf(p), block: text, ...box(p)});
  });
  out.sort((a, b) => a.top - b.top);
  return {scrollY, contacts: out, h1: clean((document.querySelector('h1') || {}).innerText),
          nocontact: !!root.querySelector('.vn-nocontact')};
}"""


@dataclass
class Result:
    task: str
    who: str
    lang: str
    taps: int = 0
    screens: float = 0.0
    reached: bool = False
    contact: str = ""
    contact_kind: str = ""
    final_url: str = ""
    path: list = field(default_factory=list)  # [{tap, url, screens}]: each tap, then the contact
    failure: str = ""
    note: str = ""  # e.g. the final page says it has no confirmed phone

    @property
    def meets_targets(self) -> bool:
        return self.reached and self.taps <= TARGET_TAPS and self.screens <= TARGET_SCREENS

    def as_dict(self) -> dict:
        return {**asdict(self), "meets_targets": self.meets_targets,
                "targets": {"taps": TARGET_TAPS, "screens": TARGET_SCREENS, "contact": True}}


def _scroll_needed(top: float, bottom: float, scroll_y: float) -> float:
    """Pixels the page must scroll, from where it is, to show [top, bottom] fully."""
    if bottom > scroll_y + HEIGHT:
        return min(bottom - (scroll_y + HEIGHT), max(0.0, top - scroll_y))
    if top < scroll_y:
        return scroll_y - top
    return 0.0


def _usable(found: dict, goal: Goal) -> list[dict]:
    patterns = [re.compile(m, re.IGNORECASE) for m in goal.match]
    return [c for c in found["contacts"] if c["kind"] in goal.kinds and not c["fallback"]
            and all(p.search(c["heading"] + " — " + c["block"]) for p in patterns)]


def _nearest(found: dict, goal: Goal, within: float | None = None) -> dict | None:
    """The usable contact that needs the least scrolling from where the page is (None if
    none, or if `within` is given and even the nearest is further than that, in pixels).
    A contact far down the page does not stop the walk: a person taps the visible jump
    link ("see offices and contacts ↓") rather than scroll nine screens."""
    usable = _usable(found, goal)
    if not usable:
        return None
    best = min(usable, key=lambda c: _scroll_needed(c["top"], c["bottom"], found["scrollY"]))
    if within is not None and _scroll_needed(best["top"], best["bottom"], found["scrollY"]) > within:
        return None
    return best


def walk(page, base: str, task: Task) -> Result:
    """Walk one task from the home page of its language; never raises for a missing link."""
    result = Result(task.id, task.who, task.lang)
    site_path = lambda url: url[len(base):] if url.startswith(base) else url  # noqa: E731
    page.goto(base + ("" if task.lang == "es" else task.lang + "/"))
    page.wait_for_load_state("load")
    scrolled = 0.0
    for step in task.steps:
        contacts = page.evaluate(CONTACTS_JS) if result.taps else None
        if contacts and _nearest(contacts, task.goal, within=HEIGHT):
            break  # the contact is on this screen or the next: a person stops tapping
        state = page.evaluate(LINKS_JS)
        pattern = re.compile(step.text, re.IGNORECASE)
        # a step navigates: dialling, chatting or writing is the end of a task, not a step
        matches = [link for link in state["links"] if link["text"] and pattern.search(link["text"])
                   and not (link["href"] or "").startswith(DIALS)]
        if not matches:
            if step.optional:
                continue
            if contacts and _nearest(contacts, task.goal):
                break  # no link to tap, but the contact is further down this page: scroll to it
            shown = [link["text"] for link in state["links"] if link["text"]][:30]
            result.failure = (f"no link for {step.why or step.text} (/{step.text}/) on {site_path(page.url) or '/'}; "
                              f"links seen: {'; '.join(shown)}")
            break
        link = min(matches, key=lambda x: (x["top"], x["i"]))
        needed = _scroll_needed(link["top"], link["bottom"], state["scrollY"])
        scrolled += needed
        page.locator(TAPPABLE).nth(link["i"]).click()
        page.wait_for_load_state("load")
        result.taps += 1
        result.path.append({"tap": link["text"], "url": site_path(page.url) or "/", "screens": round(needed / HEIGHT, 2)})
    result.final_url = site_path(page.url)
    if not result.failure:
        found = page.evaluate(CONTACTS_JS)
        c = _nearest(found, task.goal)
        if c:
            needed = _scroll_needed(c["top"], c["bottom"], found["scrollY"])
            scrolled += needed
            result.path.append({"contact": c["text"], "url": result.final_url, "screens": round(needed / HEIGHT, 2)})
            result.reached = True
            result.contact_kind = c["kind"]
            where = f' — “{c["block"][:90]}”' if c["block"] != c["text"] and c["kind"] != "address" else ""
            result.contact = f'{c["text"]}{" (" + c["href"] + ")" if c["href"] else ""}{where} under “{c["heading"][:70]}”'
            if found["nocontact"]:
                fallbacks = ", ".join(c["block"][:80] for c in found["contacts"] if c["fallback"])
                result.note = ("the page says it has no confirmed phone or e-mail"
                               + (f"; fallback offered: {fallbacks}" if fallbacks else ""))
        else:
            fallbacks = "; ".join(f'{c["kind"]} “{c["block"][:70]}”' for c in found["contacts"] if c["fallback"])
            others = "; ".join(f'{c["kind"]} “{c["text"]}” under “{c["heading"][:50]}”'
                               for c in found["contacts"] if not c["fallback"])
            result.failure = (f"no {'/'.join(task.goal.kinds)} contact for {task.goal.why} on "
                              f"{result.final_url} (h1 “{found['h1']}”"
                              f"{'; the page says no contact is confirmed' if found['nocontact'] else ''})"
                              f"{'; only a fallback is offered: ' + fallbacks if fallbacks else ''}"
                              f"{'; other contacts on the page: ' + others[:300] if others else ''}")
    result.screens = round(scrolled / HEIGHT, 2)
    return result


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def run(browser, base: str, tasks=TASKS) -> list[Result]:
    results = []
    for task in tasks:
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale=task.lang)
        page = context.new_page()
        try:
            results.append(walk(page, base, task))
        finally:
            context.close()
    return results


def table(results: list[Result]) -> str:
    ok = lambda good: "✓" if good else "✗"  # noqa: E731
    lines = [f"| task | lang | taps (≤ {TARGET_TAPS}) | screens (≤ {TARGET_SCREENS}) | contact reached | "
             "final URL | contact found / why not |", "|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.task} | {r.lang} | {r.taps} {ok(r.taps <= TARGET_TAPS)} | "
                     f"{r.screens:.2f} {ok(r.screens <= TARGET_SCREENS)} | "
                     f"{('yes, ' + r.contact_kind) if r.reached else 'no'} {ok(r.reached)} | "
                     f"{r.final_url or '/'} | {(r.contact if r.reached else r.failure).replace('|', '/')} |")
    met = sum(r.meets_targets for r in results)
    lines.append("")
    lines.append(f"{met} of {len(results)} tasks meet all targets.")
    for r in results:
        walked = " → ".join(f"tap “{x['tap']}” [{x['screens']:.2f} screens] → {x['url']}" if "tap" in x
                            else f"contact “{x['contact']}” [{x['screens']:.2f} screens]" for x in r.path)
        lines.append(f"- {r.task} ({r.who}): {walked or 'no tap'}{'. NOTE: ' + r.note if r.note else ''}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default="site", type=Path, help="the built site folder (default: site/)")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site}/index.html not found: build the site first (ventanilla build)")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    from playwright.sync_api import sync_playwright
    httpd, base = serve(args.site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            results = run(browser, base)
            browser.close()
    finally:
        httpd.shutdown()
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        print(table(results))


if __name__ == "__main__":
    main()
