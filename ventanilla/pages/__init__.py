"""Pages layer: the Markdown of every page, in every language, before any site generator.

generate.py    the page writer: one `LanguageSite` per language, and the features' pages
tasks.py       the home page's main tasks (from `tareas` in sitio.yml)
urgent.py      urgent help that fits on a phone: national and per state
staff.py       the referral finder for desk staff, by state and by population
organizations.py  one page per organisation: its services to call, then what it is
awareness.py   risk and community topics, myths and activity kits
statemap/      an inline SVG map of the desks' states
"""
