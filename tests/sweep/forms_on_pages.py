"""Every POST form of a page as a person's browser would send it: where it goes, and each
field with the value it was shown with (the bad-input sweep's raw material)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin

# Buttons, files and the CSRF token are not fields a person types into.
NOT_TYPED = {"file", "reset", "image", "submit", "button"}


@dataclass
class PageForm:
    action: str
    # Each field once, in page order, with every value the page would send for it.
    fields: dict[str, list[str]] = field(default_factory=dict)
    typed: list[str] = field(default_factory=list)  # the fields a person fills or picks
    # Each field's kind: the input's type, "textarea", "select", or "select-id" and "id"
    # for a choice (or hidden field) whose values are the ids of rows.
    kinds: dict[str, str] = field(default_factory=dict)
    has_file: bool = False


class _PostForms(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[PageForm] = []
        self.form: PageForm | None = None
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.form = PageForm(urljoin(self.page_url, attrs.get("action") or self.page_url))
            self.forms.append(self.form)
        if self.form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            self._input(name, attrs)
        elif tag == "textarea" and name:
            self.textarea = name
            self._add(name, "", typed=True, kind="textarea")
        elif tag == "select" and name:
            self.select = name
            self._add(name, None, typed=True, kind="select")
        elif tag == "option" and self.select:
            if attrs.get("value", "").isdigit():
                self.form.kinds[self.select] = "select-id"
            values = self.form.fields[self.select]
            if "selected" in attrs or not values:
                values[:] = (
                    [*values, attrs.get("value", "")]
                    if "selected" in attrs
                    else [attrs.get("value", "")]
                )

    def _add(self, name, value, *, typed, kind):
        self.form.kinds.setdefault(name, kind)
        values = self.form.fields.setdefault(name, [])
        if value is not None:
            values.append(value)
        if typed and name not in self.form.typed:
            self.form.typed.append(name)

    def _input(self, name, attrs):
        kind = attrs.get("type", "text").lower()
        if kind == "file":
            self.form.has_file = True
            return
        if kind in NOT_TYPED or name == "csrfmiddlewaretoken":
            return
        checked = kind not in ("checkbox", "radio") or "checked" in attrs
        value = attrs.get("value", "on") if checked else None
        if attrs.get("value", "").isdigit():
            kind = "id"  # a choice of a row, or a row named in a hidden field
        self._add(name, value, typed=kind != "hidden", kind=kind)

    def handle_data(self, data):
        if self.textarea:
            self.form.fields[self.textarea] = [self.form.fields[self.textarea][0] + data]

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.form = None


def post_forms_on(html: str, page_url: str) -> list[PageForm]:
    parser = _PostForms(page_url)
    parser.feed(html)
    return parser.forms


def form_body(fields: dict[str, list[str]]) -> bytes:
    """The urlencoded body, each text as UTF-8; a lone surrogate goes as the three bytes a
    careless client sends for it (what the server then decodes is the server's affair)."""
    return "&".join(
        f"{quote(name)}={quote(value.encode('utf-8', 'surrogatepass'))}"
        for name, values in fields.items()
        for value in values
    ).encode("ascii")
