"""``evidence --pdf FILE``: the bundle's page printed by headless Chromium, or one line and exit 2 with nothing
written when no Chromium is on PATH."""

import re

import pytest

from pms_baseline.evidence.browser import find_chromium, pdf_pages
from tests.evidence.common import EXPORTS, run_cli

STATE = EXPORTS / "clinic-prod-v3.json"


def _root_count(pdf: bytes) -> int:
    """The page tree root's /Count: the /Pages node that has no /Parent."""
    roots = [node for node in re.findall(rb"/Type\s*/Pages(.*?)>>", pdf, re.S) if b"/Parent" not in node]
    assert len(roots) == 1
    return int(re.search(rb"/Count\s+(\d+)", roots[0]).group(1))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if find_chromium() is None:
        pytest.skip("Chromium is not installed (scripts/install-chromium.sh)")
    folder = tmp_path_factory.mktemp("pdf")
    pdf = folder / "evidence.pdf"
    assert run_cli(["evidence", "--state", str(STATE), "--out", str(folder / "bundle"), "--pdf", str(pdf)]) == 0
    return folder, pdf


@pytest.mark.slow
def test_the_pdf_is_the_bundle_page_with_its_pages(printed, capsys):
    folder, pdf = printed
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    # Every page object is a page of the document's page tree, and the long matrix spans several A4 pages.
    assert pages == _root_count(data) > 1
    assert sorted(p.name for p in (folder / "bundle").iterdir()) == [
        "evidence.json", "evidence.schema.json", "index.html", "manifest.json"]


@pytest.mark.slow
def test_the_command_names_the_pdf_and_its_page_count(tmp_path, capsys):
    if find_chromium() is None:
        pytest.skip("Chromium is not installed (scripts/install-chromium.sh)")
    pdf = tmp_path / "out.pdf"
    assert run_cli(["evidence", "--state", str(STATE), "--out", str(tmp_path / "b"), "--pdf", str(pdf)]) == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == f"wrote {pdf}: {pdf_pages(pdf.read_bytes())} pages"


def test_without_chromium_it_is_one_line_exit_2_and_nothing_written(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out, pdf = tmp_path / "bundle", tmp_path / "evidence.pdf"
    assert run_cli(["evidence", "--state", str(STATE), "--out", str(out), "--pdf", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert err == ("pms-baseline: error: --pdf needs Chromium, and none of chromium, chromium-browser, google-chrome "
                   "is on PATH; install it (scripts/install-chromium.sh) or leave out --pdf\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin"]


@pytest.mark.parametrize("where, expected", [
    ("bundle/evidence.pdf", "inside --out"),
    ("missing/evidence.pdf", "no such directory for --pdf"),
    (".", "is a directory"),
])
def test_a_pdf_path_that_cannot_be_written_is_refused_before_any_work(where, expected, tmp_path, capsys):
    out = tmp_path / "bundle"
    assert run_cli(["evidence", "--state", str(STATE), "--out", str(out), "--pdf", str(tmp_path / where)]) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1
    assert not out.exists()


@pytest.mark.slow
def test_the_time_window_is_on_the_first_printed_page(printed):
    from pms_baseline.evidence.browser import A4_LANDSCAPE_CONTENT, print_boxes

    folder, _ = printed
    heading, window, matrix = print_boxes(folder / "bundle" / "index.html", "h1", "table.window", "#controls")
    first_page = A4_LANDSCAPE_CONTENT[1]
    # The title, then the window, all within the first A4 page; the matrix starts pages later.
    assert heading["top"] == 0 and heading["bottom"] <= window["top"] < window["bottom"] < first_page < matrix["top"]
