"""The site's pages composed from the corpus as Markdown (no MkDocs import: any generator can
render them)."""
