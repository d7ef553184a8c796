"""The shapes of the open-data API, for its OpenAPI schema. Each serializer writes out a
public record (``library.public.records``), never a model: its fields are the
allow-list's, which tests/library/test_privacy.py holds equal."""

from rest_framework import serializers

from library.public.records import record


class PublicRecordSerializer(serializers.Serializer):
    record_kind = ""  # the allow-list it writes

    def to_representation(self, instance):
        return super().to_representation(record(self.record_kind, instance))


class TeamSerializer(serializers.Serializer):
    name = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    level = serializers.CharField()


class ThemeSerializer(PublicRecordSerializer):
    record_kind = "theme"
    slug = serializers.SlugField()
    name = serializers.CharField()
    name_fr = serializers.CharField()
    description = serializers.CharField()
    description_fr = serializers.CharField()


class ProgrammeSerializer(PublicRecordSerializer):
    record_kind = "programme"
    slug = serializers.SlugField()
    name = serializers.CharField()
    name_fr = serializers.CharField()
    description = serializers.CharField()
    description_fr = serializers.CharField()
    licence = serializers.CharField(help_text="SPDX identifier of the open data's licence.")


class CallSerializer(PublicRecordSerializer):
    record_kind = "call"
    id = serializers.IntegerField()
    programme = serializers.SlugField()
    kind = serializers.ChoiceField(choices=["challenges", "solutions"])
    title = serializers.CharField()
    title_fr = serializers.CharField()
    introduction = serializers.CharField()
    introduction_fr = serializers.CharField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    deadline_time_zone = serializers.CharField()


class ChallengeSerializer(PublicRecordSerializer):
    record_kind = "challenge"
    id = serializers.IntegerField()
    programme = serializers.SlugField()
    call = serializers.IntegerField()
    team = TeamSerializer()
    title = serializers.CharField()
    summary = serializers.CharField()
    problem_statement = serializers.CharField()
    context = serializers.CharField()
    tried = serializers.CharField()
    expertise_sought = serializers.CharField()
    hoped_outcome = serializers.CharField()
    lifecycle_stage = serializers.CharField()
    sector = serializers.CharField()
    themes = serializers.ListField(child=serializers.SlugField())
    languages = serializers.ListField(child=serializers.CharField())
    written_in = serializers.CharField()
    published_at = serializers.DateTimeField()


class SolutionSerializer(PublicRecordSerializer):
    record_kind = "solution"
    id = serializers.IntegerField()
    programme = serializers.SlugField()
    call = serializers.IntegerField()
    team = TeamSerializer()
    title = serializers.CharField()
    summary = serializers.CharField()
    comparable_problem = serializers.CharField()
    what_they_did = serializers.CharField()
    evidence = serializers.CharField()
    lessons = serializers.CharField()
    can_share = serializers.ListField(child=serializers.CharField())
    themes = serializers.ListField(child=serializers.SlugField())
    languages = serializers.ListField(child=serializers.CharField())
    written_in = serializers.CharField()
    selected_at = serializers.DateTimeField(allow_null=True)


class OutcomeSerializer(serializers.Serializer):
    team = TeamSerializer()
    advice = serializers.CharField()
    written_in = serializers.CharField()


class MatchSerializer(PublicRecordSerializer):
    record_kind = "match"
    id = serializers.IntegerField()
    programme = serializers.SlugField()
    challenge = serializers.IntegerField()
    challenge_title = serializers.CharField()
    challenge_summary = serializers.CharField()
    challenge_team = TeamSerializer()
    solution = serializers.IntegerField()
    solution_title = serializers.CharField()
    solution_summary = serializers.CharField()
    solution_team = TeamSerializer()
    themes = serializers.ListField(child=serializers.SlugField())
    lifecycle_stage = serializers.CharField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.ChoiceField(choices=["matched", "incubating", "completed"])
    advice = OutcomeSerializer(many=True)


class StorySerializer(PublicRecordSerializer):
    record_kind = "story"
    id = serializers.IntegerField()
    programme = serializers.SlugField()
    match = serializers.IntegerField()
    team = TeamSerializer()
    title = serializers.CharField()
    expectations = serializers.CharField()
    learned = serializers.CharField()
    pain_points = serializers.CharField()
    themes = serializers.ListField(child=serializers.SlugField())
    written_in = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
