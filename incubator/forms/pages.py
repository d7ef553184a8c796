from django import forms
from django.utils.translation import gettext_lazy as _

from incubator.forms.bilingual import BilingualFormMixin

MARKUP_HELP = _(
    "HTML: headings (h2, h3), paragraphs, lists, links, emphasis and tables. Anything "
    "else (scripts, styles, forms) is removed when the page is published."
)


class PageForm(BilingualFormMixin, forms.Form):
    bilingual_fields = ("title", "body")

    title = forms.CharField(label=_("Title"), max_length=200)
    title_fr = forms.CharField(label=_("Title in French"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 20}), help_text=MARKUP_HELP
    )
    body_fr = forms.CharField(label=_("Text in French"), widget=forms.Textarea(attrs={"rows": 20}))
