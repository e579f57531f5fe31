"""Content-Security-Policy (django-csp 4)."""

from __future__ import annotations

from urllib.parse import urlsplit

from .env import env, env_list


# Content-Security-Policy (django-csp 4): no inline script anywhere. Styles allow
# 'unsafe-inline' because htmx injects its indicator <style> and Leaflet positions map
# tiles with style attributes; scripts never do.
def _csp_tile_origin() -> list[str]:
    """The map tile server (MILLEJOURS_MAP_TILES_URL) may serve images."""
    url = env("MILLEJOURS_MAP_TILES_URL", "").replace("{s}.", "*.")
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *_csp_tile_origin(), *env_list("MILLEJOURS_CSP_IMG_SRC")],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", *env_list("MILLEJOURS_CSP_FORM_ACTION")],
        "frame-ancestors": ["'none'"],
    }
}
