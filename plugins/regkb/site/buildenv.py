"""What `regkb build` (commands/build.py) tells each of its language processes, read by the
plugin: here, so that neither imports the other (and the command starts without importing MkDocs)."""

ONLY_LANG_ENV = "REGKB_BUILD_LANG"  # the one language this process builds
READY_FD_ENV = "REGKB_READY_FD"  # a pipe to write one byte to once the pages are written
SHARE_ENV = "REGKB_SHARE_BILINGUAL"  # "1": every language has its process, the FR ‖ NL pages are shared out
SHARED_FOLDER = "_regkb-shared"  # where a process other than the default language's writes its share
