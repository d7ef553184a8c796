"""What a person reads after an action: the messages at the top of the page."""

import html
import re

from django.urls import reverse

MESSAGE = re.compile(r'<li class="message message--[a-z]+">(.*?)</li>', re.S)


def url(ws, name, *args):
    return reverse(f"incubation:{name}", args=[ws.incubation.pk, *args])


def said(response) -> str:
    """The messages shown on the page, one after the other."""
    page = response.content.decode()
    return " ".join(html.unescape(text.strip()) for text in MESSAGE.findall(page))


def people_in(text: str) -> int:
    """The number of people a message says were told, or will be."""
    found = re.search(r"(\d+) (?:person|people)", text)
    return int(found.group(1)) if found else 0
