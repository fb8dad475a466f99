"""Forms in Bootstrap 5 markup, built in Python: the same markup django-crispy-forms' `|crispy`
and `|as_crispy_field` give, without their dozen nested templates per field, which were about
half of a queue page's time (docs/performance.md). The controls themselves (inputs, text
areas, selects with their options) are written here too, from the widget's own context, as
Django's widget templates write them: a select of a few hundred options took milliseconds
through those templates. The date boxes (`DatePartsField`) are written here too, in their
fieldset. Other fields whose markup is a fieldset (radio buttons, check boxes), file inputs and
widgets with templates or rendering of their own are still rendered by crispy-forms and Django.

    {% load fields %}{% form_fields form %}   {# every field, as {{ form|crispy }} #}
    {% field form.name %}                     {# one field, as {{ form.name|as_crispy_field }} #}
"""

from django import forms, template
from django.forms.boundfield import BoundField
from django.forms.widgets import Input
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from taxportal.dates import DatePartsWidget
from taxportal.markup import escape_text as _e

register = template.Library()

# Widgets this module renders; anything else (a multi-part widget, choices as a fieldset, a
# file) keeps crispy-forms' own template.
_PLAIN = (Input, forms.Textarea, forms.Select, forms.CheckboxInput)
_NOT_PLAIN = (
    forms.FileInput,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.MultiWidget,
)


_WIDGETS = "django/forms/widgets/"
_INPUTS = {
    f"{_WIDGETS}{name}.html"
    for name in (
        "text", "number", "email", "url", "password", "search", "tel", "date", "datetime",
        "time", "color", "checkbox", "hidden", "input",
    )
}  # fmt: skip


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: True as a bare name, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_e(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _control(bound: BoundField, css_class: str) -> SafeString:
    """The field's control, as `bound.as_widget(attrs={"class": css_class})` renders it."""
    widget = bound.field.widget
    template_name = widget.template_name
    stock = template_name in _INPUTS or template_name in (
        f"{_WIDGETS}textarea.html",
        f"{_WIDGETS}select.html",
    )
    extra: dict[str, str | bool] = {"class": css_class} if css_class else {}
    if not stock or type(widget).render is not forms.Widget.render or bound.field.localize:
        return bound.as_widget(attrs=extra)
    attrs = bound.build_widget_attrs(extra, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    if template_name.endswith("select.html") and _plain_select(widget):
        # Options straight from the choices: Django's optgroups build a dictionary of
        # attributes for each option, milliseconds for a list of a hundred.
        attrs = widget.build_attrs(widget.attrs, attrs)
        multiple = widget.allow_multiple_selected
        if multiple:
            attrs["multiple"] = True
        chosen = widget.format_value(bound.value())
        options = _select_options(widget.choices, chosen, multiple=multiple)
        name = _e(bound.html_name)
        return mark_safe(f'<select name="{name}"{_attrs(attrs)}>{options}\n</select>')  # noqa: S308
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    name, value = conditional_escape(context["name"]), context["value"]
    if template_name in _INPUTS:
        shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
        html = f'<input type="{context["type"]}" name="{name}"{shown}{_attrs(context["attrs"])}>'
    elif template_name.endswith("textarea.html"):
        text = conditional_escape(value) if value else ""
        html = f'<textarea name="{name}"{_attrs(context["attrs"])}>\n{text}</textarea>'
    else:
        html = f'<select name="{name}"{_attrs(context["attrs"])}>{_options(context)}\n</select>'
    return mark_safe(html)  # noqa: S308 - every value above is escaped


def _plain_select(widget: forms.Widget) -> bool:
    """A Select (or SelectMultiple) whose options are Django's own (no subclass changing
    them)."""
    return (
        isinstance(widget, forms.Select)
        and not widget.option_inherits_attrs
        and type(widget).optgroups is forms.Select.optgroups
        and type(widget).create_option is forms.Select.create_option
        and type(widget).get_context is forms.Select.get_context
    )


def _select_options(choices, chosen: list[str], *, multiple: bool) -> str:
    """As `Select.optgroups` and django/forms/widgets/select.html: groups as optgroup; of a
    single choice only the first option matching the value selected, of a multiple every one."""
    parts, has_selected = [], False
    for value, label in choices:
        value = "" if value is None else value
        grouped = isinstance(label, (list, tuple))
        named = grouped and value  # a group without a name has no optgroup element
        if named:
            parts.append(f'\n  <optgroup label="{_e(value)}">')
        for sub_value, sub_label in label if grouped else [(value, label)]:
            selected = (multiple or not has_selected) and str(sub_value) in chosen
            has_selected |= selected
            parts.append(
                f'\n  <option value="{_e(sub_value)}"{" selected" if selected else ""}>'
                f"{_e(sub_label)}</option>"
            )
        if named:
            parts.append("\n  </optgroup>")
    return "".join(parts)


def _options(context: dict) -> str:
    parts = []
    for group_name, options, _ in context["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_e(group_name)}">')
        parts.extend(
            f'\n  <option value="{_e(option["value"])}"'
            f"{_attrs(option['attrs'])}>{_e(option['label'])}</option>"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    return "".join(parts)


def _css_class(widget: forms.Widget, *bootstrap: str) -> str:
    """The widget's class attribute as crispy-forms makes it: its own classes, the widget's
    class name in lower case, then Bootstrap's."""
    name = type(widget).__name__.lower()
    classes = widget.attrs.get("class", "")
    if not classes:
        classes = name
    elif name not in classes:
        classes += f" {name}"
    present = classes.split()
    return " ".join([*present, *(c for c in bootstrap if c not in present)])


def _label(field: BoundField, css: str) -> SafeString:
    required = field.field.required
    return format_html(
        '<label for="{}" class="{}{}">{}{}</label>',
        field.id_for_label,
        css,
        " requiredField" if required else "",
        field.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
    )


def _help_and_errors(field: BoundField) -> SafeString:
    errors = (
        format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.auto_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, error) for n, error in enumerate(field.errors, 1)),
            ),
        )
        if field.errors
        else ""
    )
    # Help texts are written by the developers, as HTML, as crispy-forms and Django take them.
    help_text = (
        format_html(
            '<div id="{}_helptext" class="form-text">{}</div>',
            field.auto_id,
            mark_safe(field.help_text),  # noqa: S308 - the form's own text, not a user's
        )
        if field.help_text
        else ""
    )
    return format_html("{}{}", errors, help_text)


def _is_date_parts(widget: forms.Widget) -> bool:
    return (
        isinstance(widget, DatePartsWidget)
        and widget.template_name == DatePartsWidget.template_name
        and type(widget).render is forms.Widget.render
    )


def _date_parts_field(bound: BoundField) -> SafeString:
    """The three date boxes in their fieldset, the label as its legend, as crispy-forms gives
    them (each box's class with its widget's name, then Bootstrap's) and as
    taxportal/widgets/date_parts.html writes the boxes."""
    widget = bound.field.widget
    invalid = ("is-invalid",) if bound.errors else ()
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
    boxes = []
    for box, part in zip(widget.widgets, context["subwidgets"], strict=True):
        part["attrs"]["class"] = _css_class(box, "form-control", *invalid)
        value = part["value"]
        shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
        box_id = conditional_escape(part["attrs"].get("id", ""))
        boxes.append(
            '\n  <div class="date-input-item">\n'
            f'    <label class="form-label mb-1" for="{box_id}">'
            f"{conditional_escape(part['part_label'])}</label>\n"
            f'    <input type="{part["type"]}" name="{conditional_escape(part["name"])}"{shown}'
            f"{_attrs(part['attrs'])}>\n  </div>"
        )
    required = bound.field.required
    described = bound.aria_describedby
    wrapper_classes = f" {bound.css_classes()}" if bound.css_classes() else ""
    return format_html(
        '<div id="div_{}" class="mb-3{}"><fieldset{}><legend class="form-label{} fs-6">{}{}'
        '</legend><div class="date-input">{}\n</div>{}</fieldset></div>',
        bound.auto_id,
        wrapper_classes,
        format_html(' aria-describedby="{}"', described) if described else "",
        " requiredField" if required else "",
        bound.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
        mark_safe("".join(boxes)),  # noqa: S308 - every value in them is escaped
        _help_and_errors(bound),
    )


@register.simple_tag
def field(bound: BoundField) -> SafeString:
    """One field in Bootstrap 5 markup: its label, its control, its errors and its help."""
    widget = bound.field.widget
    if bound.is_hidden:
        return _control(bound, "")
    if _is_date_parts(widget) and bound.label:
        return _date_parts_field(bound)
    if not isinstance(widget, _PLAIN) or isinstance(widget, _NOT_PLAIN):
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(bound)
    invalid = ("is-invalid",) if bound.errors else ()
    wrapper_classes = f" {bound.css_classes()}" if bound.css_classes() else ""
    if isinstance(widget, forms.CheckboxInput):
        control = _control(bound, _css_class(widget, "form-check-input", *invalid))
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check{}">{}{}{}</div></div>',
            bound.auto_id,
            wrapper_classes,
            control,
            _label(bound, "form-check-label"),
            _help_and_errors(bound),
        )
    bootstrap = "form-select" if isinstance(widget, forms.Select) else "form-control"
    control = _control(bound, _css_class(widget, bootstrap, *invalid))
    return format_html(
        '<div id="div_{}" class="mb-3{}">{}{}{}</div>',
        bound.auto_id,
        wrapper_classes,
        _label(bound, "form-label") if bound.label else "",
        control,
        _help_and_errors(bound),
    )


@register.simple_tag
def form_fields(form: forms.BaseForm) -> SafeString:
    """Every field of `form`, with its errors not tied to a field above them, as `|crispy`."""
    non_field = form.non_field_errors()
    summary = (
        format_html(
            '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
            format_html_join("", "<li>{}</li>", ((error,) for error in non_field)),
        )
        if non_field
        else ""
    )
    return format_html(
        "{}{}{}", form.media, summary, format_html_join("", "{}", ((field(b),) for b in form))
    )
