"""`mkdocs serve` rebuilds everything on each change: texts whose Markdown did not change are not
converted again (the previous build's results are kept), and results not used are dropped."""

from __future__ import annotations

from types import SimpleNamespace

from regkb.site import memory as memo, plugin


def test_a_rebuild_converts_only_the_changed_texts(monkeypatch) -> None:
    calls: list[str] = []

    def counting(extensions, configs):
        return lambda text: calls.append(text) or f"<p>{text}</p>"

    monkeypatch.setattr(memo, "markdown_converter", counting)
    memory = memo.ProcessMemory()
    monkeypatch.setattr(plugin.RegkbSitePlugin, "memory", memory)
    config = SimpleNamespace(markdown_extensions=["toc"], mdx_configs={})
    first = memory.converter(config)
    assert [first("a"), first("b"), first("a")] == ["<p>a</p>", "<p>b</p>", "<p>a</p>"]
    assert calls == ["a", "b"]
    second = memory.converter(config)  # the next build: "b" was edited into "c"
    assert [second("a"), second("c")] == ["<p>a</p>", "<p>c</p>"]
    assert calls == ["a", "b", "c"]
    third = memory.converter(config)  # "b", unused in the second build, was dropped
    assert third("b") == "<p>b</p>" and calls[-1] == "b"
    other = memory.converter(SimpleNamespace(markdown_extensions=["toc", "tables"], mdx_configs={}))
    other("a")  # another configuration: everything is converted again
    assert calls[-1] == "a"
