"""Render layer: the pieces every page and leaflet is drawn with.

pagecontext.py     what a page template may ask while it writes one page in one language
markdown.py        safe Markdown output and the Jinja2 environment of the page templates
leaflet_links.py   what web pages carry for printing: leaflet links, a print-only QR code
qrcodes.py         QR codes as inline SVG (segno)
"""
