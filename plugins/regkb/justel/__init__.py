"""Reading Justel (Belgium's consolidated legislation) into our source format.

`snapshot` holds what one page or one Markdown export says (metadata, preamble, articles,
signatures, in the text's own words); `html_page` and `markdown_export` read the two shapes Justel
texts come in; `history` turns a series of snapshots into versions dated from the text itself;
`sources` writes them as `index.md` and one file per entry into force. No MkDocs here.
"""
