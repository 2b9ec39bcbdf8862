"""MkDocs adapters: thin event handlers over the core (`regkb.core`, `regkb.pages`)."""
