"""The one PDF renderer: a template rendered to HTML and printed by WeasyPrint."""

from collections.abc import Sequence

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def pdf_response(
    template: str,
    context: dict,
    filename: str,
    request,
    *,
    inline: bool = False,
    stylesheets: Sequence[str] = (),
) -> HttpResponse:
    """The template as a PDF download (`inline` shows it in the browser instead). Static files
    and images in the template are read relative to the site's address; `stylesheets` (static
    paths) are read from the static files, so a page that links its style (the strict CSP allows
    no inline style) prints styled without asking the site for it."""
    from weasyprint import CSS, HTML  # heavy: loaded only when a PDF is made

    html = render_to_string(template, context, request=request)
    styles = [CSS(filename=finders.find(path)) for path in stylesheets]
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(stylesheets=styles)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
