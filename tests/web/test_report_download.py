"""The Progress page links to the PDF report, which downloads as an A4 PDF for the signed-in
runner only."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_progress_links_to_a_pdf_download(runner: TestClient) -> None:
    assert 'href="/progress/report.pdf"' in runner.get("/progress").text
    response = runner.get("/progress/report.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")


def test_the_report_needs_a_session(client: TestClient) -> None:
    response = client.get("/progress/report.pdf", follow_redirects=False)
    assert response.status_code in (303, 401)
    assert not response.content.startswith(b"%PDF-")
