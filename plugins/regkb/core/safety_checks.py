"""Checks that keep hostile or careless sources out of the site: the authors' HTML policy, texts
too costly to convert, and relations that make no sense (a text replacing itself, a cycle).

They run in `regkb check` and in the build alike (validate_corpus), so the check reports
everything the build refuses or changes.
"""

from __future__ import annotations

from .diagnostics import Diagnostics
from .placeholders import check_placeholders
from .htmlpolicy import violation_lines
from .limits import INLINE_BUDGET, MARKDOWN_BUDGET, MAX_NESTING, deepest_line, inline_cost, markdown_cost
from .model import Corpus

POLICY_FIX = ("Remove it: texts may hold Markdown and the simple HTML listed in CONTRIBUTING.md "
              "('HTML policy'); it is removed from the page.")


def check_markdown(path: str, first_line: int, markdown: str, diagnostics: Diagnostics) -> None:
    """The HTML policy and the conversion budget of one author's text."""
    if "<" in markdown or "](" in markdown or "{" in markdown or "]:" in markdown:
        for line, problem in violation_lines(markdown, first_line):
            diagnostics.error(path, line, f"{problem}.", POLICY_FIX, "html-policy")
    cost = markdown_cost(markdown)
    if cost > MARKDOWN_BUDGET:
        diagnostics.error(path, first_line,
                          f"the text holds too many '[' or '<' in single paragraphs to be converted in bounded time "
                          f"(cost {cost:,}, limit {MARKDOWN_BUDGET:,}): it is shown as plain text.",
                          "Split the long paragraphs, or close the brackets (see 'Limits' in CONTRIBUTING.md).",
                          "too-costly")
    cost = inline_cost(markdown)
    if cost > INLINE_BUDGET:
        diagnostics.error(path, first_line,
                          f"the text holds too many '*', '_', '\\', '`' or '&' in single paragraphs to be converted in "
                          f"bounded time (cost {cost:,}, limit {INLINE_BUDGET:,}): it is shown as plain text.",
                          "Split the long paragraphs (see 'Limits' in CONTRIBUTING.md).", "too-costly")
    depth, line = deepest_line(markdown)
    if depth > MAX_NESTING:
        diagnostics.error(path, first_line + line - 1,
                          f"this line nests {depth} blocks (quotes, list items, indentation; limit {MAX_NESTING}): "
                          "the text cannot be converted in bounded time and is shown as plain text.",
                          "Nest fewer quotes or lists, or indent less (see 'Limits' in CONTRIBUTING.md).",
                          "too-costly")


def check_texts(corpus: Corpus, diagnostics: Diagnostics) -> None:
    for document in corpus:
        for meta in document.meta.values():
            if meta.intro:
                check_markdown(meta.path, getattr(meta, "intro_line", 1), meta.intro, diagnostics)
        for version in document.versions:
            for text in version.texts.values():
                # a partial version: the lines its file wrote (what it takes over was checked in its own
                # file; joining the consolidated text of every version would cost versions x size)
                body = text.source_body if hasattr(text, "source_body") else text.body
                check_markdown(text.path, text.body_line, body, diagnostics)
                check_placeholders(text.path, text.body_line, body, diagnostics)


def check_relations(corpus: Corpus, diagnostics: Diagnostics) -> None:
    """No text amends, repeals, implements or replaces itself; `replaces` has no cycle."""
    replaces: dict[str, list[tuple[str, str, int]]] = {}
    for document in corpus:
        for relation in document.relations:
            if relation.source == relation.target:
                field = "amended_by" if relation.type == "amends" else relation.type
                diagnostics.error(relation.path, relation.line, f"{field} names the text itself ('{relation.target}').",
                                  f"Name another text in {field}, or remove the field.", "self-relation")
            elif relation.type == "replaces" and relation.source == document.id:
                replaces.setdefault(relation.source, []).append((relation.target, relation.path, relation.line))
    # cycles: iterative depth-first search, each node visited once (linear)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[str]] = set()
    for start in sorted(replaces):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            edges = replaces.get(node, [])
            if index < len(edges):
                stack.append((node, index + 1))
                target = edges[index][0]
                if state.get(target) == 1:
                    cycle = path[path.index(target):]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        _report_cycle(corpus, cycle, replaces, diagnostics)
                elif not state.get(target) and target in replaces:
                    stack.append((target, 0))
            else:
                state[node] = 2
                path.pop()


def _report_cycle(corpus: Corpus, cycle: list[str], replaces: dict[str, list[tuple[str, str, int]]],
                  diagnostics: Diagnostics) -> None:
    files = []
    for position, node in enumerate(cycle):
        following = cycle[(position + 1) % len(cycle)]
        for target, path, line in replaces[node]:
            if target == following:
                files.append((path, line))
                break
    chain = " -> ".join([*cycle, cycle[0]])
    named = ", ".join(path for path, _line in files)
    for path, line in files:
        diagnostics.error(path, line, f"'replaces' makes a cycle: {chain} ({named}).",
                          "A circular replaces an older one: remove 'replaces' from the older circular.",
                          "replaces-cycle")
