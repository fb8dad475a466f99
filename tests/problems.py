"""Reading an API error (RFC 9457 problem details, taxportal.problems) in tests."""


def problem(response, status: int) -> dict:
    """The problem an API answered with, after checking its status and media type."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["code"]
    return body


def problem_fields(response, status: int = 400) -> set[str]:
    """The top-level fields named in a problem's `errors`."""
    return {e["field"].split(".")[0] for e in problem(response, status)["errors"] if "field" in e}
