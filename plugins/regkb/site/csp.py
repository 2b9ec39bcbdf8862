"""The static site's Content-Security-Policy, one value for the page's meta tag and the server.

Scripts come only from the site's own files: Material's two inline scripts are files
(theme/partials/javascripts/), our page data are JSON blocks (not executed). Pagefind compiles its
WebAssembly ('wasm-unsafe-eval', which does not allow eval of JavaScript). Inline styles stay
allowed: Material writes some, and CSS cannot run a script; authors' style attributes are removed
by the sanitizer (pages/sanitize.py). A meta tag cannot carry frame-ancestors: README.md gives the
headers to set on the server as well.
"""

from __future__ import annotations

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])
# Only in a response header (ignored in a meta tag)
HEADER_ONLY = "; frame-ancestors 'none'"
