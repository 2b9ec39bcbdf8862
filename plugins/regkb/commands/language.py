"""One language process of `regkb build`: MkDocs' own command line, then an immediate exit.

    python -m regkb.commands.language build -f mkdocs.yml -d site   (the arguments of `mkdocs`)

The process collects cyclic garbage less often and leaves without the interpreter's teardown
(site/speed.py says why, and `REGKB_FAST=0` turns both off). Its exit code is MkDocs' own.
"""

from __future__ import annotations

import os
import sys

from ..site import speed

GENERATOR_ENV = "REGKB_GENERATOR"  # "properdocs": ProperDocs' command line instead of MkDocs'


def main(argv: list[str] | None = None) -> int:
    speed.collect_less()
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


if __name__ == "__main__":
    speed.leave(main(sys.argv[1:]))
