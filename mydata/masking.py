"""Hiding the secret part of links in a copy of an email: a password reset, an email
confirmation, an invitation or an unsubscribe link still works for whoever holds it."""

import re

# A link whose path or query carries a token: a long run of letters, digits and the
# separators signing uses (Django's signer, allauth's keys, our invitation tokens).
LINK = re.compile(r"https?://[^\s<>\"']+")
TOKEN = re.compile(r"[A-Za-z0-9_\-:.=]{20,}")
HIDDEN = "[hidden]"


def _masked(match: re.Match) -> str:
    link = match.group(0)
    origin_end = link.find("/", link.find("//") + 2)
    if origin_end == -1:
        return link
    origin, rest = link[:origin_end], link[origin_end:]
    path, _, query = rest.partition("?")
    path = "/".join(HIDDEN if TOKEN.fullmatch(part) else part for part in path.split("/"))
    return origin + path + (f"?{HIDDEN}" if query else "")


def secret_links_masked(text: str) -> str:
    return LINK.sub(_masked, text)
