"""`gerdy report --pdf FILE`: writes the PDF report; a file it cannot write is a one-line
error."""

from __future__ import annotations

from pathlib import Path

from .helpers import Gerdy, assert_one_line_error, ok_json


def test_report_writes_a_pdf(started: Gerdy, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    result = started("report", "--pdf", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    assert str(target) in result.stdout
    summary = ok_json(started("report", "--pdf", str(target), "--json"))
    assert summary["stage"] == "protect" and summary["bytes"] == target.stat().st_size


def test_report_into_a_missing_folder_is_a_one_line_error(started: Gerdy, tmp_path: Path) -> None:
    result = started("report", "--pdf", str(tmp_path / "no" / "such" / "report.pdf"))
    assert_one_line_error(result, 1, "cannot write")


def test_report_without_a_record_says_so(gerdy: Gerdy, tmp_path: Path) -> None:
    result = gerdy("report", "--pdf", str(tmp_path / "r.pdf"))
    assert result.exit_code != 0
    assert "gerdy init" in result.stderr
