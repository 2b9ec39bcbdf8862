"""Build a generated corpus with the project's real configuration and compare with the floor.

The build is what `make site` runs, `regkb build --strict` (both languages, one process each, every generated
page, and whatever search step the configuration runs), timed as a whole process with its peak
memory. The floor is Python-Markdown alone converting the same sources (every .md under docs/,
circulars/ and faq/, front matter removed) with the same markdown_extensions, also as a whole
process. The last line printed is:

    pages=<built pages> build_s=<seconds> floor_s=<seconds> ratio=<build/floor> peak_mb=<MB>

    python bench/build_bench.py --pages 2000 [--repeat 3] [--keep DIR]
    python bench/build_bench.py --real [--repeat 3]   # the sample + the shared real law (85 Justel versions)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import BIG_TEXT_ID, big_text, make_corpus, sample_project  # noqa: E402

BUILD_DAY = "2026-11-22"
DOCUMENT_PREFIXES = ("ar-", "am-", "loi-", "conv-", "circ-", "q-")

# Runs in its own interpreter: the floor includes starting Python and importing Markdown, as the
# build includes starting Python and importing MkDocs.
# Both floors read the site's Markdown extensions as the build does (mkdocs.yml), then convert.
MARKDOWN_OF_THE_SITE = r'''
class Loader(yaml.SafeLoader):
    pass
Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/name: ignored

config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
extensions, configs = [], {}
for item in config.get("markdown_extensions") or []:
    if isinstance(item, dict):
        (name, options), = item.items()
        extensions.append(name)
        configs[name] = options or {}
    else:
        extensions.append(item)
md = markdown.Markdown(extensions=extensions, extension_configs=configs)
'''

FLOOR_SCRIPT = r'''
import sys, yaml, markdown
from pathlib import Path
from mkdocs.utils.meta import get_data

root = Path(sys.argv[1])
''' + MARKDOWN_OF_THE_SITE + r'''
count = size = 0
for folder in ("docs", "circulars", "faq"):
    for path in sorted((root / folder).rglob("*.md")):
        source, _meta = get_data(path.read_text(encoding="utf-8"))
        size += len(md.reset().convert(source))
        count += 1
print(f"floor: {count} files converted, {size} characters of HTML", file=sys.stderr)
'''


# The floor of a text written as partial versions: Python-Markdown converting each distinct
# article text once (the first version's articles, then those each partial version writes).
BIG_FLOOR_SCRIPT = r'''
import re, sys, yaml, markdown
from pathlib import Path
from mkdocs.utils.meta import get_data

root, doc_id = Path(sys.argv[1]), sys.argv[2]
''' + MARKDOWN_OF_THE_SITE + r'''
heading = re.compile(r"^#{2,4} ", re.M)
count = size = 0
for lang in ("fr", "nl"):
    for path in sorted((root / "docs" / lang / "regulations" / doc_id).glob("*.md")):
        if path.name == "index.md":
            continue
        source, _meta = get_data(path.read_text(encoding="utf-8"))
        starts = [m.start() for m in heading.finditer(source)] + [len(source)]
        for a, b in zip(starts, starts[1:]):
            if source[a:b].startswith(("### Art", "### Artikel")):
                size += len(md.reset().convert(source[a:b].split("\n", 1)[1]))
                count += 1
print(f"floor: {count} distinct article texts converted, {size} characters of HTML", file=sys.stderr)
'''


def _tree_rss_kb(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip() or 0)
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    total = 0
    for pid in rss:
        ancestor = pid
        while ancestor and ancestor != root_pid:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root_pid:
            total += rss[pid]
    return total


PEAK = {"kb": 0}


def run(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system, its own children included) of one child process;
    stops the benchmark with its log if it fails. CPU time is reported too because wall time
    suffers when other work shares the machine. The peak memory of the whole process tree (both
    language builds together, when they run in parallel) is sampled into PEAK."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.25)
        PEAK["kb"] = peak
        result = process
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(log.read_text(encoding="utf-8")[-4000:])
        raise SystemExit(f"{' '.join(command)} failed (exit {result.returncode}); log: {log}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def page_sizes(site: Path) -> tuple[list[Path], list[int]]:
    """All built pages, and the sizes of the document pages (texts, versions, diffs, answers)."""
    pages = sorted(site.rglob("index.html"))
    sizes = []
    for page in pages:
        parts = page.relative_to(site).parts
        if parts and parts[0] == "nl":
            parts = parts[1:]
        if len(parts) >= 3 and parts[1].startswith(DOCUMENT_PREFIXES):
            sizes.append(page.stat().st_size)
    return pages, sizes


def _set_aside(path: Path, target: Path) -> None:
    if path.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(path, target)


def real_corpus(project: Path) -> dict:
    """The sample project plus the shared real law (tests/real_law.py: every whole-text version of
    the law of 29 April 1999 in ../shared, the French text standing in for the Dutch one)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import real_law  # noqa: E402 (tests/ is on the path only for this)

    root = Path(__file__).resolve().parent.parent
    for name in ("docs", "circulars", "faq", "mkdocs.yml", "taxonomy.yml"):
        source = root / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    os.symlink(root / "plugins", project / "plugins")  # theme overrides and assets, as in the repo
    versions = real_law.write_law(project)
    files = sum(1 for folder in ("docs", "circulars", "faq") for _ in (project / folder).rglob("*.md"))
    return {"files": files, "versions": len(versions)}


def bench(pages: int, workdir: Path, seed: int = 8, python: str = sys.executable, sequential: bool = False,
          repeat: int = 1, real: bool = False) -> dict:
    """Build and floor `repeat` times, alternately (so both see the same machine load), each
    build from a clean state (no site, no caches: a fresh clone); the medians are reported."""
    project, site = workdir / "project", workdir / "site"
    info = real_corpus(project) if real else make_corpus(project, pages, seed)
    env = dict(os.environ, REGKB_TODAY=BUILD_DAY, NO_MKDOCS_2_WARNING="1")
    if sequential:  # plain MkDocs: static-i18n builds one language after the other
        command = [python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    else:  # what `make site` runs: one process per language, then Pagefind
        command = [python, "-m", "regkb.cli", "--root", str(project), "build", "--strict", "--site-dir", str(site)]
    builds, floors, peaks = [], [], []
    for attempt in range(repeat):
        # A clean state without deleting anything: the previous run's site and caches are moved
        # aside (a rename) and deleted once every run is measured. On this machine's disk
        # (ext4 without a journal) creating files costs three to four times more for minutes
        # after many were deleted, as ext4 skips recently freed inodes: a fresh clone has no such
        # deletions behind it, and the floor creates no file (bench/fs_penalty.py measures it).
        _set_aside(site, workdir / "old" / f"site-{attempt}")
        _set_aside(project / ".cache", workdir / "old" / f"cache-{attempt}")
        os.sync()  # the previous run's writes are flushed outside the timed build
        builds.append(run(command, project, env, workdir / "build.log"))
        peaks.append(PEAK["kb"])
        os.sync()
        floors.append(run([python, "-c", FLOOR_SCRIPT, str(project)], project, env, workdir / "floor.log"))
    peak_kb = max(max(peaks), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    build_s, build_cpu = statistics.median(b[0] for b in builds), statistics.median(b[1] for b in builds)
    floor_s, floor_cpu = statistics.median(f[0] for f in floors), statistics.median(f[1] for f in floors)
    built, sizes = page_sizes(site)
    shutil.rmtree(workdir / "old", ignore_errors=True)  # measured: now deleting costs nothing
    return {"pages": len(built), "build_s": build_s, "floor_s": floor_s, "peak_mb": peak_kb / 1024,
            "runs": [(round(b[0], 2), round(f[0], 2)) for b, f in zip(builds, floors)],
            "build_cpu": build_cpu, "floor_cpu": floor_cpu, "files": info["files"], "doc_pages": len(sizes),
            "max_kb": max(sizes) / 1024 if sizes else 0.0,
            "median_kb": statistics.median(sizes) / 1024 if sizes else 0.0,
            "floor_log": (workdir / "floor.log").read_text(encoding="utf-8").strip()}


def bench_big_text(workdir: Path, seed: int = 8, python: str = sys.executable, repeat: int = 1,
                   articles: int = 1000, versions: int = 300) -> dict:
    """The sample with and without a nomenclature-scale text (partial versions); build_s is what
    the text adds to the sample's build (medians of alternated runs), the floor converts each of
    its distinct article texts once."""
    with_text, alone = workdir / "with", workdir / "alone"
    sample_project(alone)
    sample_project(with_text)
    info = big_text(with_text, articles, versions, seed)
    env = dict(os.environ, REGKB_TODAY=BUILD_DAY, NO_MKDOCS_2_WARNING="1")
    runs: dict[str, list[tuple[float, float]]] = {"with": [], "alone": [], "floor": []}
    peaks = []
    for attempt in range(repeat):
        for name, project in (("with", with_text), ("alone", alone)):
            site = workdir / f"site-{name}"
            _set_aside(site, workdir / "old" / f"site-{name}-{attempt}")
            _set_aside(project / ".cache", workdir / "old" / f"cache-{name}-{attempt}")
            os.sync()
            command = [python, "-m", "regkb.cli", "--root", str(project), "build", "--strict", "--site-dir", str(site)]
            runs[name].append(run(command, project, env, workdir / f"build-{name}.log"))
            if name == "with":
                peaks.append(PEAK["kb"])
        os.sync()
        runs["floor"].append(run([python, "-c", BIG_FLOOR_SCRIPT, str(with_text), BIG_TEXT_ID], with_text, env,
                                 workdir / "floor.log"))
    med = {name: (statistics.median(r[0] for r in values), statistics.median(r[1] for r in values))
           for name, values in runs.items()}
    site = workdir / "site-with"
    sizes = sorted(((p.stat().st_size, p) for p in site.rglob("*.html")), reverse=True)
    text_pages = [p for p in site.rglob("index.html") if BIG_TEXT_ID in p.as_posix()]
    shutil.rmtree(workdir / "old", ignore_errors=True)
    return {"articles": info["articles"], "versions": info["versions"], "distinct": info["distinct_article_texts"],
            "with": med["with"], "alone": med["alone"], "floor": med["floor"], "peak_mb": max(peaks) / 1024,
            "max_kb": sizes[0][0] / 1024 if sizes else 0.0, "max_page": sizes[0][1].relative_to(site).as_posix() if sizes else "",
            "text_pages": len(text_pages), "text_mb": sum(p.stat().st_size for p in text_pages) / 2**20,
            "runs": {k: [(round(a, 2), round(b, 2)) for a, b in v] for k, v in runs.items()},
            "floor_log": (workdir / "floor.log").read_text(encoding="utf-8").strip()}


def report_big_text(result: dict) -> None:
    (with_s, with_cpu), (alone_s, alone_cpu), (floor_s, floor_cpu) = result["with"], result["alone"], result["floor"]
    build_s, build_cpu = with_s - alone_s, with_cpu - alone_cpu
    print(f"runs (wall_s, cpu_s): {result['runs']}")
    print(f"{result['floor_log']}; distinct article texts written: {result['distinct']}")
    print(f"sample + big text: {with_s:.2f} s ({with_cpu:.2f} s CPU); sample alone: {alone_s:.2f} s "
          f"({alone_cpu:.2f} s CPU); the text's {result['text_pages']} pages: {result['text_mb']:.1f} MB; "
          f"largest page {result['max_page']}")
    print(f"cpu: build_cpu_s={build_cpu:.2f} floor_cpu_s={floor_cpu:.2f} cpu_ratio={build_cpu / floor_cpu:.2f} "
          f"(load average {os.getloadavg()[0]:.1f})")
    print(f"big_text articles={result['articles']} versions={result['versions']} build_s={build_s:.2f} "
          f"floor_s={floor_s:.2f} ratio={build_s / floor_s:.2f} peak_mb={result['peak_mb']:.0f} "
          f"max_page_kb={result['max_kb']:.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="approximate number of built pages, both languages")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--keep", metavar="DIR", help="keep the project and site in DIR (replaced)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="build and floor N times each, alternately, and report the medians")
    parser.add_argument("--real", action="store_true",
                        help="the sample plus the shared real law (all its versions, both languages) instead of a generated corpus")
    parser.add_argument("--sequential", action="store_true",
                        help="time plain `mkdocs build` instead of `regkb build` (what `make site` runs)")
    parser.add_argument("--big-text", action="store_true",
                        help="the sample with a nomenclature-scale text written as partial versions "
                             "(1,000 articles, 300 versions), against the floor of its distinct article texts")
    parser.add_argument("--articles", type=int, default=1000, help="with --big-text: the text's articles")
    parser.add_argument("--versions", type=int, default=300,
                        help="with --big-text: its versions (how the cost grows with the versions)")
    args = parser.parse_args(argv)
    if args.big_text:
        with tempfile.TemporaryDirectory(prefix="regkb-bench-big-") as tmp:
            report_big_text(bench_big_text(Path(args.keep or tmp).resolve(), args.seed, repeat=args.repeat,
                                           articles=args.articles, versions=args.versions))
        return 0
    if args.keep:
        workdir = Path(args.keep).resolve()
        previous = None
        if workdir.exists():  # replaced, but deleted after the measures (see bench())
            previous = workdir.with_name(f"{workdir.name}.old-{os.getpid()}")
            os.rename(workdir, previous)
        workdir.mkdir(parents=True)
        try:
            result = bench(args.pages, workdir, args.seed, sequential=args.sequential, repeat=args.repeat, real=args.real)
        finally:
            if previous is not None:
                shutil.rmtree(previous, ignore_errors=True)
    else:
        with tempfile.TemporaryDirectory(prefix="regkb-bench-") as tmp:
            result = bench(args.pages, Path(tmp), args.seed, sequential=args.sequential, repeat=args.repeat, real=args.real)
    print(f"sources: {result['files']} files; {result['floor_log']}")
    if len(result["runs"]) > 1:
        print("runs (build_s, floor_s): " + ", ".join(f"({b}, {f})" for b, f in result["runs"]) + "; medians below")
    print(f"document pages: {result['doc_pages']}, HTML size max {result['max_kb']:.1f} KB, "
          f"median {result['median_kb']:.1f} KB")
    print(f"cpu: build_cpu_s={result['build_cpu']:.2f} floor_cpu_s={result['floor_cpu']:.2f} "
          f"cpu_ratio={result['build_cpu'] / result['floor_cpu']:.2f} (load average {os.getloadavg()[0]:.1f})")
    ratio = result["build_s"] / result["floor_s"]
    print(f"pages={result['pages']} build_s={result['build_s']:.2f} floor_s={result['floor_s']:.2f} "
          f"ratio={ratio:.2f} peak_mb={result['peak_mb']:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
