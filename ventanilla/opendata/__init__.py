"""Open data downloads, written beside the pages at build time (docs/<lang>/datos/):

- monitoreo-<tabla>.csv   the monitoring page's published (suppressed) tables, with an HXL
                          hashtag row under the header (humanitarian data exchange convention)
- directorio.hsds.json    the service directory as Open Referral HSDS 3 service objects
- directorio.csv          the service directory as one row per service
- ventanillas.geojson     the desks as GeoJSON points
"""

from .files import FOLDER, downloads, files, publish  # noqa: F401
