"""What is shown of a submission under review, by the allow-lists of reviews.kinds."""

from incubator.languages import language_names
from reviews.kinds import kind_of
from submissions.models import Submission


def _answers(submission: Submission, names) -> list[tuple[str, str]]:
    """(question, answer) pairs of these fields, whatever the kind of submission."""
    model = type(submission)
    answers = []
    for name in names:
        field = model._meta.get_field(name)
        value = getattr(submission, name)
        if field.many_to_many:
            text = ", ".join(str(theme) for theme in value.all())
        elif name == "languages":
            text = ", ".join(language_names().get(code, code) for code in value or [])
        elif field.choices:
            text = getattr(submission, f"get_{name}_display")()
        else:
            text = "" if value is None else str(value)
        answers.append((str(field.verbose_name).capitalize(), text))
    return answers


def submission_answers(*, submission: Submission, anonymised: bool) -> list[tuple[str, str]]:
    """What a reviewer is shown of a submission: the answers its kind allows, without
    those naming the team when the phase is anonymised."""
    names = kind_of(submission).answers_for_reviewers(anonymised=anonymised)
    return _answers(submission, names)


def submission_answers_for_secretariat(*, submission: Submission) -> list[tuple[str, str]]:
    return _answers(submission, kind_of(submission).secretariat_answers)
