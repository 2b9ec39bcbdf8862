"""Search: the site's Pagefind index and identifier map, and the staff FAQ search."""
