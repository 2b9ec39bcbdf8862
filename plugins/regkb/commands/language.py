"""One language process of `regkb build`: MkDocs' own command line, then an immediate exit.

    python -m regkb.commands.language build -f mkdocs.yml -d site   (the arguments of `mkdocs`)

A language process holds the whole corpus and every page it built. Python's orderly exit frees
those objects one by one: 0.2 to 0.4 s at 2,000 pages, while Pagefind, which the build waits for,
needs the CPU. The process's work is files, written and closed when MkDocs returns, so it flushes
its output and leaves without the teardown. Its exit code is MkDocs' own.

It also collects cyclic garbage less often: with Python's thresholds (700, 10, 10) a language
process spent 3.0 s of its 60 s in 2,700 collections at 20,000 pages (0.14 s at 2,000); with
GC_THRESHOLDS 1.1 s, in 34, at the same peak memory (800 MB). A build makes little cyclic garbage.
"""

from __future__ import annotations

import gc
import logging
import os
import sys


GC_THRESHOLDS = (50_000, 20, 10)
GENERATOR_ENV = "REGKB_GENERATOR"  # "properdocs": ProperDocs' command line instead of MkDocs'


def main(argv: list[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    generator = os.environ.get(GENERATOR_ENV) or "mkdocs"
    if generator not in ("mkdocs", "properdocs"):
        print(f"regkb build: {GENERATOR_ENV}={generator!r} is not a generator regkb knows. "
              "Fix: unset it (MkDocs) or set it to properdocs.", file=sys.stderr)
        return 2
    if generator == "properdocs":  # it makes every `mkdocs.*` import its own module (drop-in)
        from properdocs.__main__ import cli
    else:
        from mkdocs.__main__ import cli

    try:
        cli.main(args=argv, prog_name=generator)  # click exits through SystemExit, also on success
        code = 0
    except SystemExit as exc:
        if isinstance(exc.code, str):  # a message: printed as the interpreter would
            print(exc.code, file=sys.stderr)
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return code


def exit_now(code: int) -> None:
    """Leave without freeing the heap, once logs and standard streams are flushed."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


if __name__ == "__main__":
    exit_now(main(sys.argv[1:]))
