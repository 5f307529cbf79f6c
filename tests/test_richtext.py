"""The plan texts' markup (planverk.document.richtext): what each kind of text may hold, and
the blocks it becomes; the Markdown the templates get from it (render.richmd)."""

from __future__ import annotations

import pytest

from planverk.document.blocks import ListBlock, Note, Paragraph, Text, plain
from planverk.document.richtext import parse
from planverk.model.common import TextKind
from planverk.model.style import Emphasis
from planverk.render.richmd import blocks_markdown, one_line


def test_paragraphs_are_separated_by_a_blank_line_and_their_lines_joined() -> None:
    parsed = parse("Första raden\nfortsätter.\n\n\nAndra stycket.", TextKind.BLOCK)
    assert [plain(b.children) for b in parsed.blocks if isinstance(b, Paragraph)] == [
        "Första raden fortsätter.",
        "Andra stycket.",
    ]
    assert parsed.problems == []


def test_a_list_may_follow_a_line_and_nest_and_continue() -> None:
    parsed = parse(
        "Målen är:\n- Att ett\n  fortsätter\n  - under\n- Att två\nEtt nytt stycke.",
        TextKind.BLOCK,
    )
    first, listing, last = parsed.blocks
    assert isinstance(first, Paragraph) and isinstance(listing, ListBlock)
    assert isinstance(last, Paragraph) and plain(last.children) == "Ett nytt stycke."
    one, two = listing.items
    assert plain(one.blocks[0].children) == "Att ett fortsätter"  # type: ignore[union-attr]
    sub = one.blocks[1]
    assert isinstance(sub, ListBlock) and plain(sub.items[0].blocks[0].children) == "under"  # type: ignore[union-attr]
    assert plain(two.blocks[0].children) == "Att två"  # type: ignore[union-attr]


def test_a_footnote_sits_right_after_its_word_and_may_hold_brackets() -> None:
    parsed = parse("en jämlik^[Se [1] och [2].] vård", TextKind.LINE)
    (paragraph,) = parsed.blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.children == [
        Text("en jämlik"),
        Note((Text("Se [1] och [2]."),)),
        Text(" vård"),
    ]


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("Punkt\n\nAndra stycket", TextKind.LINE, "flera stycken"),
        ("Punkt\n- sub", TextKind.LINE, "punktlista i sin text"),
        ("Rubrik^[not]", TextKind.PLAIN, "fotnot kan inte stå här"),
        ("Text^[yttre ^[inre]]", TextKind.BLOCK, "egen fotnot"),
        ("Text^[ ]", TextKind.BLOCK, "tom"),
        ("-\n- punkt", TextKind.BLOCK, "punkten är tom"),
        ("\t- punkt", TextKind.BLOCK, "tabb"),
        ("> citat", TextKind.BLOCK, "citat med >"),
        ("---", TextKind.BLOCK, "linjer"),
        ("Se `kod`", TextKind.BLOCK, "kod"),
        ("A&nbsp;B", TextKind.BLOCK, "HTML-tecken"),
    ],
)
def test_what_a_text_may_not_hold_is_a_problem_at_its_place(
    text: str, kind: TextKind, message: str
) -> None:
    problems = parse(text, kind).problems
    assert problems and message in problems[0].message, [p.message for p in problems]
    assert 0 <= problems[0].start < problems[0].end <= len(text)
    assert problems[0].hint


def test_markdown_escapes_the_text_and_sets_the_emphasis() -> None:
    parsed = parse("Kostnad * 2 & <5^[Not med *]\n- Att [1] gälla", TextKind.BLOCK)
    assert parsed.problems == []
    assert blocks_markdown(parsed.blocks) == (
        "Kostnad \\* 2 \\& \\<5^[Not med \\*]\n\n- Att \\[1\\] gälla"
    )
    assert blocks_markdown(parsed.blocks, Emphasis.ITALIC) == (
        "*Kostnad \\* 2 \\& \\<5*^[Not med \\*]\n\n- *Att \\[1\\] gälla*"
    )
    assert blocks_markdown(parsed.blocks, Emphasis.QUOTE) == (
        "> Kostnad \\* 2 \\& \\<5^[Not med \\*]\n>\n> - Att \\[1\\] gälla"
    )
    assert one_line(parsed.blocks) == "Kostnad \\* 2 \\& \\<5^[Not med \\*]<br>– Att \\[1\\] gälla"
