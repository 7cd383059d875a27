"""Reading an existing assignment into title, directions, sections, items, choices and tables."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from samples import sample

from generators import assignment
from generators.errors import SourceError


def docx_data(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def parse(text: str, name: str = "test.txt"):
    return assignment.parse_text(text, name, "txt")


def choice_texts(item) -> list[str]:
    return [choice.text for choice in item.choices]


# --- The shared samples, counted by hand ---


def test_fractions_sample_is_read_fully():
    found = assignment.load(sample("fractions_assignment.docx"))
    assert found.summary() == "3 sections, 10 items, 2 multiple choice, 1 table"
    assert found.title == "Fractions Practice — Grade 4"
    assert found.directions[0].startswith("Directions: Solve each problem.")
    assert [s.heading for s in found.sections] == [
        "Part A: Equivalent Fractions",
        "Part B: Comparing Fractions",
        "Part C: Word Problems",
    ]
    assert [len(s.items) for s in found.sections] == [4, 3, 3]
    items = found.items
    assert [item.number for item in items] == [str(n) for n in range(1, 11)]
    assert items[0].stem == "Which fraction is equivalent to 2/3?"
    assert choice_texts(items[0]) == ["3/4", "4/6", "2/6", "6/12"]
    assert choice_texts(items[1]) == ["2/8", "1/8", "4/1", "3/8"]
    assert items[0].label(items[0].choices[1]) == "(b) 4/6"
    assert [item.kind for item in items[2:6]] == ["fill_in"] * 4
    assert items[7].stem.startswith("Priya read 3/10 of her book") and items[7].kind == "written"
    assert found.tables[0].rows == (("Score", "___ / 10"), ("Teacher comment", ""))
    # "Show your work in the space provided": every item gets room to work.
    assert all(item.lines >= 2 for item in items)


def test_main_idea_sample_is_read_fully():
    found = assignment.load(sample("main_idea_assignment.txt"))
    assert found.summary() == "no sections, 10 items, 2 multiple choice"
    assert found.title == "Reading Check: Main Idea and Details (Grade 5)"
    assert found.directions == (
        'Directions: Read the article "How Honeybees Make Honey." Then answer each question in '
        "complete sentences. Support your answers with evidence from the article.",
    )
    items = found.items
    assert len(items) == 10
    assert [i.number for i in items if i.kind == "multiple_choice"] == ["7", "8"]
    assert choice_texts(items[6]) == ["alone", "slowly", "together", "carelessly"]
    assert choice_texts(items[7]) == ["1 to 5", "50 to 100", "5,000", "one million"]
    assert items[8].lines == 6  # "Write a short paragraph (4-5 sentences)"
    assert all(item.lines >= 3 for item in items if item.kind == "written")
    assert items[9].stem.startswith("Challenge: What might happen to the foods")


def test_docx_bytes_and_path_read_the_same():
    path = sample("fractions_assignment.docx")
    assert assignment.load_bytes(path.read_bytes(), "C:\\Users\\t\\" + path.name) == (
        assignment.load(path)
    )


# --- Conventions teachers use ---


def test_choices_on_their_own_lines_in_capital_dot_style():
    found = parse(
        "Planets\n\n1. Which planet is largest?\nA. Mars\nB. Venus\nC. Earth\nD. Jupiter\n"
        "2. Name one gas giant.\n"
    )
    first, second = found.items
    assert first.kind == "multiple_choice" and choice_texts(first) == [
        "Mars",
        "Venus",
        "Earth",
        "Jupiter",
    ]
    assert first.label(first.choices[3]) == "D. Jupiter"
    assert second.kind == "written" and not second.choices


def test_paren_choices_inline_and_a_stray_letter_is_not_a_choice():
    found = parse(
        "1. Which gas do plants take in? (a) carbon dioxide (b) oxygen (c) helium\n"
        "2. Plan A. is cheaper than plan B for small orders. Explain why.\n"
    )
    first, second = found.items
    assert choice_texts(first) == ["carbon dioxide", "oxygen", "helium"]
    assert first.label(first.choices[0]) == "(a) carbon dioxide"
    assert second.kind == "written" and "Plan A. is cheaper" in second.stem


def test_part_and_section_lines_start_sections_in_plain_text():
    found = parse(
        "Science Review\n\nDirections: Answer each question.\n\nPart 1: Plants\n"
        "1. What do roots do?\n2) What do leaves do?\n\nSection B\n(3) Why do plants need light?\n"
    )
    assert found.title == "Science Review"
    assert [s.heading for s in found.sections] == ["Part 1: Plants", "Section B"]
    assert [i.number for i in found.items] == ["1", "2", "3"]
    assert found.summary() == "2 sections, 3 items, 0 multiple choice"


def test_ruled_lines_are_the_items_work_space_and_the_name_line_is_dropped():
    found = parse(
        "Quiz\nName: ____________ Date: ______\n1. Explain how rain forms.\n____________\n"
        "____________\n____________\n____________\n____________\n2. What is 2 + 2?\n"
    )
    first, second = found.items
    assert first.source_lines == 5 and first.lines == 5
    assert "Name" not in " ".join(found.directions)
    assert second.stem == "What is 2 + 2?"


def test_a_passage_before_the_items_is_kept_as_reading_matter():
    passage = " ".join(["Bees make honey from the nectar they collect in the summer."] * 5)
    found = parse(f"Bees\n\nRead the passage.\n\n{passage}\n\n1. What do bees make?\n")
    assert found.directions == ("Read the passage.",)
    block = found.sections[0].blocks[0]
    assert block.type == "text" and block.role == "passage" and block.text == passage


def test_a_short_line_after_an_item_continues_its_stem_in_title_case_only_as_heading():
    found = parse(
        "1. Look at the graph.\nUse the key to help you\n2. Add 3 + 4.\nShow your work:\n\n"
        "Word Problems\n3. Jo has 2."
    )
    assert found.items[0].stem == "Look at the graph. Use the key to help you"
    assert found.items[1].source_lines == 1  # "Show your work:" marks space, it is not a stem
    assert found.sections[-1].heading == "Word Problems"


def test_markdown_headings_and_lists_are_read(tmp_path):
    path = tmp_path / "quiz.md"
    path.write_text(
        "# Weather Quiz\n\n**Directions:** answer each question.\n\n## Part A\n\n"
        "1. What is rain?\n   - a) water\n   - b) sand\n2. What is snow?\n"
    )
    found = assignment.load(path)
    assert found.title == "Weather Quiz" and found.source_format == "md"
    assert found.sections[0].heading == "Part A"
    assert choice_texts(found.items[0]) == ["water", "sand"]


def test_pdf_text_is_parsed(tmp_path):
    from test_sources import minimal_pdf

    path = tmp_path / "quiz.pdf"
    path.write_bytes(minimal_pdf("1. What is 3 x 4?", "2. What is 10 - 7?"))
    found = assignment.load(path)
    assert [item.stem for item in found.items] == ["What is 3 x 4?", "What is 10 - 7?"]
    assert found.source_format == "pdf"


# --- Word structure: styles, automatic numbering, tables, what cannot be carried over ---


def test_word_numbered_lists_become_items_and_lettered_sublists_their_choices(tmp_path):
    def build(document):
        document.add_heading("Animal Quiz", level=1)
        document.add_paragraph("Which animal can fly?", style="List Number")
        for text in ("a dog", "a bat", "a fish"):
            document.add_paragraph(text, style="List Number 2")
        document.add_paragraph("Describe a habitat.", style="List Number")
        document.add_paragraph("")
        document.add_paragraph("")

    data = docx_data(build)
    document = docx.Document(io.BytesIO(data))
    _letter_level_two(document)
    buffer = io.BytesIO()
    document.save(buffer)
    found = assignment.load_bytes(buffer.getvalue(), "quiz.docx")
    first, second = found.items
    assert (first.number, first.stem) == ("1", "Which animal can fly?")
    assert choice_texts(first) == ["a dog", "a bat", "a fish"]
    assert (second.number, second.kind) == ("2", "written")
    assert second.source_lines == 2  # two empty paragraphs left for writing


def _letter_level_two(document) -> None:
    """Give 'List Number 2' its own lettered list, as a teacher's template would."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0">'
            '<w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    style = document.styles["List Number 2"]
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = 90
    num_pr.get_or_add_ilvl().val = 0


def test_word_headings_tables_and_pictures(tmp_path):
    def build(document):
        document.add_paragraph("Map Skills", style="Title")
        document.add_heading("Part A: Directions on a map", level=2)
        document.add_paragraph("1. Which way is north? a) up b) down")
        table = document.add_table(rows=2, cols=3)
        for row, texts in zip(
            table.rows, [("Town", "Miles", "Way"), ("Ames", "4", "N")], strict=True
        ):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
        document.add_heading("Part B", level=2)
        document.add_paragraph("2. Draw a map of your room.")
        document.add_paragraph().add_run().add_picture(_png(), width=docx.shared.Inches(1))

    found = assignment.load_bytes(docx_data(build), "map.docx")
    assert found.title == "Map Skills"
    assert [s.heading for s in found.sections] == ["Part A: Directions on a map", "Part B"]
    assert found.tables[0].rows == (("Town", "Miles", "Way"), ("Ames", "4", "N"))
    assert found.items[0].choices[1].text == "down"
    assert any("picture" in warning for warning in found.warnings)


def _png() -> io.BytesIO:
    import base64

    return io.BytesIO(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
        )
    )


def test_a_style_named_like_a_heading_in_a_custom_template():
    def build(document):
        document.styles.add_style("Heading Custom", WD_STYLE_TYPE.PARAGRAPH)
        document.add_paragraph("Spelling Test", style="Heading Custom")
        document.add_paragraph("1. Spell the word cat.")

    found = assignment.load_bytes(docx_data(build), "spelling.docx")
    assert found.title == "Spelling Test"


# --- What cannot be an assignment ---


def test_a_text_without_numbered_items_is_refused_clearly():
    with pytest.raises(SourceError) as caught:
        parse("Bees\n\nBees make honey. They live in hives.", "bees.txt")
    message = str(caught.value)
    assert "bees.txt has no numbered items" in message and "\n" not in message


def test_too_many_items_is_refused():
    text = "\n".join(f"{n}. Question {n}?" for n in range(1, assignment.MAX_ITEMS + 2))
    with pytest.raises(SourceError, match="the limit is 300"):
        parse(text)
