"""HTTP headers for any static host: `_headers` (Netlify, Cloudflare Pages) and
`nginx.conf.example` (a server block snippet), both written into site/.

- fingerprinted assets (name.<10 hex>.ext): cached for a year, immutable;
- HTML, manifests, sitemap, the service worker: revalidated every time (short);
- a Content-Security-Policy that allows only the site itself (no inline scripts,
  no other host), plus the usual hardening headers. Every page also carries the
  policy in a <meta http-equiv> (META, put there by pages.py), less the directives
  a meta cannot carry, so it holds on hosts that ignore `_headers`.
"""

from __future__ import annotations

from pathlib import Path

from ..cms import admin as cms_admin
from ..content import routes

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'; object-src 'none'")
COMMON = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}
ADMIN_CSP = cms_admin.csp()
# Directives a <meta http-equiv> cannot carry (CSP Level 3): only the header sets them.
NOT_IN_META = ("frame-ancestors", "report-uri", "sandbox")
# The same policy in every page's <head>, so that it holds on hosts that ignore `_headers`.
META_CSP = "; ".join(d for d in CSP.split("; ") if d.split()[0] not in NOT_IN_META)
META = f'<meta http-equiv="Content-Security-Policy" content="{META_CSP}">'
LONG = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300, must-revalidate"


def headers_file() -> str:
    lines = ["/*"] + [f"  {k}: {v}" for k, v in COMMON.items()] + [f"  Cache-Control: {SHORT}", ""]
    for pattern in ("/assets/*", "/search/*"):
        lines += [pattern, f"  Cache-Control: {LONG}", ""]
    lines += ["/sw.js", "  Cache-Control: no-cache", ""]
    # the editors' form editor needs its own policy (inline styles, the git host's API):
    # `! name` detaches the site-wide header (Cloudflare Pages); its index.html also carries it
    lines += ["/admin/*", "  ! Content-Security-Policy", f"  Content-Security-Policy: {ADMIN_CSP}",
              "  X-Robots-Tag: noindex, nofollow", "  Cache-Control: no-cache", ""]
    return "\n".join(lines)


def nginx_snippet(codes: list[str]) -> str:
    """The nginx server block; each language's own 404 page, for the languages sitio.yml lists."""
    folders = "|".join(routes.language_prefix(codes, c).rstrip("/") for c in codes if routes.language_prefix(codes, c))
    common = "\n".join(f'    add_header {k} "{v}" always;' for k, v in COMMON.items())
    admin = "\n".join(f'    add_header {k} "{v}" always;' for k, v in
                      {**COMMON, "Content-Security-Policy": ADMIN_CSP, "X-Robots-Tag": "noindex, nofollow"}.items())
    return f"""# Ventanilla: nginx server block snippet. Serve site/ as root; the .gz and .br
# files beside each file are used by gzip_static and brotli_static (ngx_brotli).
root /srv/ventanilla/site;
index index.html;
gzip_static on;
# brotli_static on;   # with the ngx_brotli module
error_page 404 /404.html;
location ~ ^/({folders})/ {{
    error_page 404 /$1/404.html;
    try_files $uri $uri/ =404;
{common}
    add_header Cache-Control "{SHORT}" always;
}}
location ~* ^/(assets|search)/ {{
{common}
    add_header Cache-Control "{LONG}" always;
}}
location ~* \\.ics$ {{
    # calendar feeds (activities): nginx's mime.types has no entry for .ics
    default_type "text/calendar; charset=utf-8";
    try_files $uri =404;
{common}
    add_header Cache-Control "{SHORT}" always;
}}
location ^~ /admin/ {{
    # the editors' form editor: a policy of its own, never indexed
{admin}
    add_header Cache-Control "no-cache" always;
}}
location = /sw.js {{
{common}
    add_header Cache-Control "no-cache" always;
}}
location / {{
    try_files $uri $uri/ =404;
{common}
    add_header Cache-Control "{SHORT}" always;
}}
"""


def write(site: Path, codes: list[str]) -> None:
    (site / "_headers").write_text(headers_file(), encoding="utf-8")
    (site / "nginx.conf.example").write_text(nginx_snippet(codes), encoding="utf-8")
