"""`{% queue_search_form %}`: a queue's search box, filters, sort and export links (the shared
`includes/queue_search.html`), written in Python. Every queue page draws it, with some thirty
options; through the template engine it cost about a millisecond a page (issue 18). Same
markup as the template it replaced (tests/platform/test_queue_parts_tags.py compares them)."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from taxportal.markup import escape_text as _e

register = template.Library()


def _control(control) -> str:
    cid, label, name = _e(control.id), _e(control.label), _e(control.name)
    if control.kind == "text":
        described = f' aria-describedby="{cid}-hint"' if control.hint else ""
        hint = (
            f'\n    <div class="form-text" id="{cid}-hint">{_e(control.hint)}</div>'
            if control.hint
            else ""
        )
        return (
            '<div class="col-12 col-md-4">\n'
            f'    <label class="form-label" for="{cid}">{label}</label>\n'
            f'    <input class="form-control" type="search" name="{name}" id="{cid}"'
            f' value="{_e(control.value)}" maxlength="100" autocomplete="off"'
            f' dir="auto"{described}>{hint}\n'
            "  </div>"
        )
    options = "".join(
        f'<option value="{_e(o.value)}"{" selected" if o.selected else ""}>{_e(o.label)}</option>'
        for o in control.options
    )
    return (
        '<div class="col-12 col-sm-6 col-md-auto">\n'
        f'    <label class="form-label" for="{cid}">{label}</label>\n'
        f'    <select class="form-select" name="{name}" id="{cid}">\n'
        f"      {options}\n"
        "    </select>\n"
        "  </div>"
    )


@register.simple_tag(takes_context=True)
def queue_search_form(context) -> SafeString:
    """The context's `queue_form` (taxportal.queues.QueueForm), `label`, `export_links` and
    `request`, as the search form above a queue."""
    form, request = context["queue_form"], context.get("request")
    links = context.get("export_links") or {}
    controls = "\n  ".join(_control(c) for c in form.controls())
    clear = (
        f' <a class="btn btn-link" href="{_e(request.path)}">{_e(gettext("Clear"))}</a>'
        if request is not None and request.GET
        else ""
    )
    ignored = form.ignored
    warning = (
        f'\n<div class="alert alert-warning" role="status">'
        f"{_e(gettext('Part of the search was ignored:'))} {'; '.join(map(_e, ignored))}</div>"
        if ignored
        else ""
    )
    spaced = " mb-md-4" if form.fields["q"].help_text else ""
    return mark_safe(  # noqa: S308 - every value above went through _e
        '<form method="get" class="queue-search row g-2 align-items-end mb-2" role="search"'
        f' aria-label="{_e(context.get("label", ""))}" novalidate>\n'
        f"  {controls}\n"
        f'  <div class="col-12 col-md-auto{spaced}">\n'
        f'    <button type="submit" class="btn btn-primary">{_e(gettext("Show"))}</button>{clear}\n'
        "  </div>\n"
        f"</form>{warning}\n"
        f'<p class="small mb-2">{_e(gettext("Export what is shown (every page):"))}\n'
        f'  <a href="?{_e(links.get("csv", ""))}" download>{_e(gettext("CSV"))}</a> ·\n'
        f'  <a href="?{_e(links.get("xlsx", ""))}" download>{_e(gettext("Excel (XLSX)"))}</a></p>'
    )


@register.simple_tag(takes_context=True)
def pager_links(context) -> SafeString:
    """The context's `pager` (taxportal.paging.PageLinks) as the links under a list: previous,
    "page n of m" (or "of many" past a capped count), next; nothing for a single page."""
    pager = context["pager"]
    page = pager.page
    if not page.has_other_pages():
        return mark_safe("")
    if pager.more:
        where = gettext("Page %(n)s of many") % {"n": page.number}
    else:
        where = gettext("Page %(n)s of %(total)s") % {
            "n": page.number,
            "total": page.paginator.num_pages,
        }
    previous = (
        '<li class="page-item"><a class="page-link" href="?'
        f'{_e(pager.previous_query)}">{_e(gettext("Previous"))}</a></li>'
        if pager.previous_query
        else ""
    )
    following = (
        '<li class="page-item"><a class="page-link" href="?'
        f'{_e(pager.next_query)}">{_e(gettext("Next"))}</a></li>'
        if pager.next_query
        else ""
    )
    return mark_safe(  # noqa: S308 - every value above went through _e
        f'<nav aria-label="{_e(context.get("label") or gettext("Pages"))}">'
        '<ul class="pagination pagination-sm">\n'
        f"  {previous}\n"
        '  <li class="page-item active" aria-current="page"><span class="page-link">'
        f"{_e(where)}</span></li>\n"
        f"  {following}\n"
        "</ul></nav>"
    )
