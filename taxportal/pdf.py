"""The one PDF renderer: a template rendered to HTML and printed by WeasyPrint."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def pdf_response(
    template: str, context: dict, filename: str, request, *, inline: bool = False
) -> HttpResponse:
    """The template as a PDF download (`inline` shows it in the browser instead). Static files
    and images in the template are read relative to the site's address."""
    from weasyprint import HTML  # heavy: loaded only when a PDF is made

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
