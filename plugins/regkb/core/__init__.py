"""The domain core: plain Python, no MkDocs import (a portable base for any site generator)."""
