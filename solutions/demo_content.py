"""The demo's previous round, incubator-2026, as its teams wrote it and as it ran: its
calendar, its challenges and its solution proposals. Seeded by ``solutions.demo_seed``;
the calendar is shared with the review, matching and outcomes seeders, so the whole
round tells one story. The teams come from ``incubator.demo.round``."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from challenges.models import LifecycleStage, Sector
from solutions.models import Shareable

PAST_PROGRAMME = "incubator-2026"
PROGRAMME_NAME = "Innovation Incubator 2026"
PROGRAMME_DESCRIPTION = (
    "The 2026 round: eight challenges selected, solution providers matched across borders "
    "and a first year of incubation, with the teams' own stories of what they learned."
)
DEADLINE_ZONE = "Europe/Paris"
_PARIS = ZoneInfo(DEADLINE_ZONE)


def paris(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment of 2026, as the secretariat in Paris planned it."""
    return datetime(2026, month, day, hour, minute, tzinfo=_PARIS)


@dataclass(frozen=True)
class Calendar:
    """When each step of the 2026 round happened. Fixed dates, all before the 2027 round
    opens, so the round reads as finished whatever day the demo is seeded."""

    programme_created: datetime
    challenges_open: datetime
    challenges_close: datetime
    challenge_review_open: datetime
    challenge_review_due: datetime
    challenge_review_close: datetime
    challenge_decisions_staged: datetime
    challenge_decisions_released: datetime
    solutions_open: datetime
    solutions_close: datetime
    solution_review_open: datetime
    solution_review_due: datetime
    solution_review_close: datetime
    solution_decisions_staged: datetime
    solution_decisions_released: datetime
    matching_run: datetime
    first_confirmation: datetime


CALENDAR = Calendar(
    programme_created=datetime(2025, 11, 17, 10, tzinfo=_PARIS),
    challenges_open=paris(1, 12, 9),
    challenges_close=paris(3, 13, 16),
    challenge_review_open=paris(3, 23, 9),
    challenge_review_due=paris(4, 10, 18),
    challenge_review_close=paris(4, 17, 18),
    challenge_decisions_staged=paris(4, 21),
    challenge_decisions_released=paris(4, 24),
    solutions_open=paris(5, 4, 9),
    solutions_close=paris(6, 19, 16),
    solution_review_open=paris(6, 29, 9),
    solution_review_due=paris(7, 10, 18),
    solution_review_close=paris(7, 17, 18),
    solution_decisions_staged=paris(7, 20),
    solution_decisions_released=paris(7, 22),
    matching_run=paris(7, 27),
    first_confirmation=paris(8, 3),
)

CHALLENGE_CALL = {
    "title": "Call for challenges 2026",
    "introduction": (
        "Is your team stuck on a problem that another government may have solved? "
        "Describe it: what you tried, what holds you back, and the help you seek."
    ),
}
SOLUTION_CALL = {
    "title": "Call for solutions 2026",
    "introduction": (
        "Has your team solved something comparable to one of the eight selected challenges? "
        "Offer your experience, evidence and time."
    ),
}


@dataclass(frozen=True)
class PastChallenge:
    key: str  # how the proposals below name it
    team: str
    selected: bool
    submitted_at: datetime
    title: str
    summary: str
    problem_statement: str
    context: str
    tried: str
    constraints: str
    expertise_sought: str
    hoped_outcome: str
    sector: str
    lifecycle_stage: str
    themes: tuple[str, ...]
    languages: tuple[str, ...]
    meeting_windows: str
    decision_reason: str = ""


@dataclass(frozen=True)
class PastSolution:
    team: str
    selected: bool
    submitted_at: datetime
    title: str
    summary: str
    comparable_problem: str
    what_they_did: str
    evidence: str
    can_share: tuple[str, ...]
    share_details: str
    lessons: str
    capacity: int
    languages: tuple[str, ...]
    availability: str
    themes: tuple[str, ...]
    interests: tuple[str, ...]  # keys of challenges, first choice first
    decision_reason: str = ""
    # written by the demo member, so "My solution proposals" shows it
    by_demo_member: bool = False


CHALLENGES = [
    PastChallenge(
        key="rent-arrears",
        team="Lisbon City Innovation Lab",
        selected=True,
        submitted_at=paris(2, 17, 11),
        title="Reaching municipal tenants before rent arrears pile up",
        summary=(
            "Tenants in our municipal housing usually contact us only when they owe months of "
            "rent; by then the debt is hard to repay and eviction proceedings have begun."
        ),
        problem_statement=(
            "About one in eight households in the city's municipal housing is behind with its "
            "rent. Most contact us only after a formal letter, when they owe several months and "
            "repayment plans fail. Housing officers see early signs, such as a first missed "
            "payment, a drop in household income or an unanswered repair request, but nobody "
            "brings them together. We want to reach struggling tenants while the amount owed is "
            "still small, without making them feel watched."
        ),
        context=(
            "Around 23,000 municipal homes, many let to older people and single parents. Rent "
            "follows income, so a lost job should lower it, but tenants rarely report changes "
            "in time."
        ),
        tried=(
            "Reminder letters after the first missed payment, written in legal language, got "
            "few replies. Phone calls from housing officers worked better in a pilot but took "
            "too much staff time to extend."
        ),
        constraints=(
            "Data protection rules limit combining income and housing data without the "
            "tenant's consent. Housing officers carry large caseloads, and the rent system is "
            "old and slow to change."
        ),
        expertise_sought=(
            "Governments that reduced arrears in social housing through early contact, "
            "behavioural letters or quicker rent adjustments, and that measured the effect."
        ),
        hoped_outcome=(
            "An early-contact routine tested in two neighbourhoods, with fewer households "
            "reaching three months of arrears."
        ),
        sector=Sector.HOUSING,
        lifecycle_stage=LifecycleStage.DEVELOPING_PROPOSALS,
        themes=("evidence-based-policymaking", "citizen-involvement"),
        languages=("pt", "en"),
        meeting_windows="Monday to Friday, 10:00 to 17:00 Lisbon time (UTC+0, UTC+1 in summer).",
    ),
    PastChallenge(
        key="plain-letters",
        team="Interministerial Directorate for Public Transformation",
        selected=True,
        submitted_at=paris(3, 2, 15),
        title="Official letters that people understand the first time",
        summary=(
            "Letters from tax, benefit and housing offices are so hard to read that many "
            "people call or queue at a counter just to learn what they must do."
        ),
        problem_statement=(
            "The administration sends hundreds of millions of letters a year. Many open with "
            "articles of law, bury the action needed and hide the deadline. People who do not "
            "understand them call helplines, queue at counters, or miss the deadline and face "
            "penalties. Agencies agree letters should be clearer, but rewriting them one by one "
            "is slow, and new letters are still written the old way every day."
        ),
        context=(
            "About forty agencies send letters from thousands of templates in their own "
            "systems. Helplines estimate that a third of their calls are about understanding a "
            "letter."
        ),
        tried=(
            "We published a plain-language guide and trained drafters. Rewritten letters "
            "tested well, but the guide was seldom used once the trainers left, and legal "
            "departments often restored the old wording."
        ),
        constraints=(
            "Some wording is required by law. Templates sit inside many different systems. "
            "Legal departments approve every change and fear that simpler words weaken a "
            "letter's legal effect."
        ),
        expertise_sought=(
            "Teams that rewrote official letters at scale, tested them with the people who "
            "receive them and brought lawyers on board, and that kept letters plain after the "
            "first rewrite."
        ),
        hoped_outcome=(
            "A method agreed with legal departments for rewriting the twenty most-sent letters, "
            "and a measure of the calls each letter causes, ready for three agencies."
        ),
        sector=Sector.GENERAL,
        lifecycle_stage=LifecycleStage.DEVELOPING_PROPOSALS,
        themes=("cultural-transformation", "citizen-involvement"),
        languages=("fr", "en"),
        meeting_windows=("Monday to Thursday, 09:30 to 17:00 Paris time (UTC+1, UTC+2 in summer)."),
    ),
    PastChallenge(
        key="software-reuse",
        team="Ministry of Digital Affairs",
        selected=True,
        submitted_at=paris(2, 24, 9),
        title="Ministries reusing each other's software instead of buying it again",
        summary=(
            "Ministries keep paying for systems another ministry has already built, because "
            "nobody knows what exists or how to take it over."
        ),
        problem_statement=(
            "Several ministries have commissioned near-identical systems for case management, "
            "appointment booking and document signing. Each was bought separately, so the state "
            "pays for the same work several times and maintains several versions. Ministries "
            "would reuse more if they knew what exists, could trust its quality and could share "
            "the cost of looking after it. None of this is in place today."
        ),
        context=(
            "About twenty ministries and many agencies, each with its own IT budget. A central "
            "register of systems exists but is out of date and lists licences, not code."
        ),
        tried=(
            "We asked ministries to publish their code in a shared repository. A few did, but "
            "nobody reused it: the code had no documentation, no named owner and no support."
        ),
        constraints=(
            "Contracts often leave the rights to the code with the supplier. Budgets are yearly "
            "and per ministry, so shared maintenance has no natural home."
        ),
        expertise_sought=(
            "Governments that made reusing code the normal choice: contract clauses, catalogues "
            "people actually use, and shared maintenance arrangements."
        ),
        hoped_outcome=(
            "Standard contract clauses for new purchases, and a first shared component looked "
            "after by two ministries together."
        ),
        sector=Sector.DIGITAL,
        lifecycle_stage=LifecycleStage.GENERATING_IDEAS,
        themes=("scaling-public-services", "cultural-transformation"),
        languages=("pl", "en"),
        meeting_windows=("Monday to Friday, 09:00 to 15:00 Warsaw time (UTC+1, UTC+2 in summer)."),
    ),
    PastChallenge(
        key="coverage-renewal",
        team="US Digital Service",
        selected=True,
        submitted_at=paris(3, 9, 19),
        title="People losing health coverage at renewal because of paperwork",
        summary=(
            "Many people who still qualify for public health coverage lose it at the yearly "
            "renewal because a form was not returned, or arrived too late."
        ),
        problem_statement=(
            "Each enrollee's eligibility is renewed every year. Where the agency cannot confirm "
            "it from data it already holds, it sends a form. Many forms go to old addresses or "
            "come back late, and coverage ends although the person still qualifies. Many "
            "return within months, after a gap in care and a second application that costs "
            "them and the agency time. We want fewer people to lose coverage for paperwork "
            "reasons."
        ),
        context=(
            "The programme is run by the states within federal rules. Our partner states renew "
            "several million people a year, a large share of them children."
        ),
        tried=(
            "Text-message reminders raised the return of forms a little. Some states began "
            "renewing automatically from wage data, but too few records matched because of "
            "data quality."
        ),
        constraints=(
            "Federal rules say which data may confirm eligibility. State systems differ "
            "widely, and state agencies have little spare staff to agree changes."
        ),
        expertise_sought=(
            "Governments that renew benefits automatically from data they hold, and that "
            "found ways to reach people whose address has changed."
        ),
        hoped_outcome=(
            "A playbook for automatic renewal and for reaching people at risk of losing "
            "coverage, tried with two partner states."
        ),
        sector=Sector.HEALTH,
        lifecycle_stage=LifecycleStage.IMPLEMENTATION,
        themes=("digital-inclusion", "evidence-based-policymaking"),
        languages=("en", "es"),
        meeting_windows=("Monday to Friday, 10:00 to 16:00 Eastern time (UTC-5, UTC-4 in summer)."),
    ),
    PastChallenge(
        key="crop-advice",
        team="Agency for Digital Government",
        selected=True,
        submitted_at=paris(2, 5, 17),
        title="Weather-linked advice for small farmers who are mostly offline",
        summary=(
            "Small farmers in our southern states lose harvests to shifting rains; advice "
            "exists but does not reach them in time or in their language."
        ),
        problem_statement=(
            "Rain now comes earlier, later or heavier than farmers expect, and planting at the "
            "wrong moment can cost a season's harvest. The agriculture services produce "
            "forecasts and advice, but publish them online, in Spanish, for technicians. Most "
            "small farmers in the southern states have basic phones and patchy coverage, and "
            "many speak an indigenous language first. We want timely advice to reach them in a "
            "form they trust and use."
        ),
        context=(
            "Several hundred thousand holdings of under five hectares, mostly maize and beans, "
            "in communities that extension workers seldom visit."
        ),
        tried=(
            "Radio bulletins reached many farmers but were too general for their valley. A "
            "smartphone application reached very few."
        ),
        constraints=(
            "Little budget for translation into indigenous languages. Coverage is weak in the "
            "mountains. Advice must come from the agriculture ministry, which runs its own "
            "systems."
        ),
        expertise_sought=(
            "Governments that send local weather and planting advice to farmers by text or "
            "voice message, in local languages, and know what farmers did with it."
        ),
        hoped_outcome=(
            "A text and voice advice service piloted in two municipalities over one growing season."
        ),
        sector=Sector.AGRICULTURE,
        lifecycle_stage=LifecycleStage.GENERATING_IDEAS,
        themes=("climate-adaptation", "digital-inclusion"),
        languages=("es",),
        meeting_windows="Monday to Friday, 09:00 to 14:00 Mexico City time (UTC-6).",
    ),
    PastChallenge(
        key="repeat-medicines",
        team="Centre for Public Service Innovation",
        selected=True,
        submitted_at=paris(2, 27, 8),
        title="Shorter queues at public clinics for people collecting repeat medicines",
        summary=(
            "People with stable chronic conditions spend most of a day at the clinic every "
            "month just to collect the same medicines."
        ),
        problem_statement=(
            "Public clinics serve many patients with stable chronic conditions such as high "
            "blood pressure and HIV. Most come each month only to collect repeat medicines, "
            "waiting hours in queues that also delay patients who need a nurse. Time off work "
            "costs them income, and some stop collecting, which puts their health at risk. We "
            "want repeat medicines collected close to home and quickly, while clinics keep "
            "track of each patient."
        ),
        context=(
            "Thousands of clinics in towns and rural areas; in the busiest, most visitors come "
            "only for repeat medicines."
        ),
        tried=(
            "A national programme of pick-up points outside clinics helps in cities, but "
            "enrolment is uneven, rural areas have few pick-up points, and patients are often "
            "not told that their parcel is ready."
        ),
        constraints=(
            "Some medicines must stay cold and all must be handed over by trained people. "
            "Clinic records are partly on paper, and many households share one phone."
        ),
        expertise_sought=(
            "Governments that moved the collection of chronic medicines out of clinics, "
            "especially in rural areas, and kept patients in care."
        ),
        hoped_outcome=(
            "A better enrolment and notification routine for pick-up points, tested in one "
            "rural district, with waiting times measured before and after."
        ),
        sector=Sector.HEALTH,
        lifecycle_stage=LifecycleStage.IMPLEMENTATION,
        themes=("public-health", "scaling-public-services"),
        languages=("en", "zu"),
        meeting_windows="Monday to Thursday, 09:00 to 15:00 Johannesburg time (UTC+2).",
    ),
    PastChallenge(
        key="safe-trials",
        team="Government Technology Agency",
        selected=True,
        submitted_at=paris(3, 11, 4),
        title="Testing changes in live services without putting residents at risk",
        summary=(
            "Our agencies want to try new versions of services with real users, but fear that "
            "a failed trial harms people or breaks their trust."
        ),
        problem_statement=(
            "Teams redesign services often, but they launch changes to everyone at once and "
            "judge them by complaints. They would like to compare a new version with the old "
            "one on a share of users first, and stop quickly if it does harm. Agency leaders "
            "worry about fairness when residents get different services, about consent, and "
            "about explaining a trial that went wrong. Without agreed rules, most ideas are "
            "never tested."
        ),
        context=(
            "More than a hundred digital services run by many agencies on shared platforms, "
            "used by most residents."
        ),
        tried=(
            "A few teams compared two versions of web pages. It worked technically, but each "
            "trial needed its own legal advice and approval, which took months."
        ),
        constraints=(
            "Every trial needs clear rules on fairness and consent. Some services, such as "
            "financial support, cannot be withheld from anyone. Results must be explainable "
            "to the public."
        ),
        expertise_sought=(
            "Governments with a standard way to approve and run trials in live services: "
            "ethics rules, stopping rules and the publication of results."
        ),
        hoped_outcome=(
            "A light approval process for service trials, agreed with legal and ethics "
            "advisers, and three trials run under it."
        ),
        sector=Sector.DIGITAL,
        lifecycle_stage=LifecycleStage.DEVELOPING_PROPOSALS,
        themes=("open-experimentation", "evidence-based-policymaking"),
        languages=("en",),
        meeting_windows="Monday to Friday, 09:00 to 18:00 Singapore time (UTC+8).",
    ),
    PastChallenge(
        key="co-design",
        team="Department of Internal Affairs",
        selected=True,
        submitted_at=paris(2, 12, 22),
        title="Designing services with Māori communities from the start",
        summary=(
            "Our services are usually designed first and shown to Māori communities "
            "afterwards, when little can still change."
        ),
        problem_statement=(
            "Several of our services, from passports to civil registration, are used less, or "
            "less successfully, by Māori. Communities tell us they are consulted late, once "
            "decisions are made, and in ways that do not respect how their communities decide. "
            "We want to design with communities from the start, share decisions, and do it in "
            "a way agencies can repeat rather than as one-off projects."
        ),
        context=(
            "Māori are about a sixth of the population, and the government has obligations of "
            "partnership under the Treaty of Waitangi."
        ),
        tried=(
            "Community workshops on single projects were valued, but the relationships ended "
            "with each project, and staff changed often."
        ),
        constraints=(
            "Project budgets are short. Agencies must respect the communities' own rules for "
            "their data. Staff need skills and time that nobody plans for."
        ),
        expertise_sought=(
            "Governments that share design decisions with indigenous peoples in a lasting way, "
            "with agreements on data, time and funding."
        ),
        hoped_outcome=(
            "A partnership agreement template and a co-design routine used on two services."
        ),
        sector=Sector.GENERAL,
        lifecycle_stage=LifecycleStage.IDENTIFYING_PROBLEMS,
        themes=("citizen-involvement", "cultural-transformation"),
        languages=("en", "mi"),
        meeting_windows=(
            "Tuesday to Thursday, 08:00 to 11:00 Wellington time (UTC+12, UTC+13 in summer), "
            "which is the evening before in Europe."
        ),
    ),
    PastChallenge(
        key="city-app",
        team="Buenos Aires City Innovation Secretariat",
        selected=False,
        submitted_at=paris(3, 13, 14),
        title="One application for every city service",
        summary="We would like a single application in which residents do everything they need "
        "from the city.",
        problem_statement=(
            "Residents use more than a dozen city websites and applications, each with its own "
            "account. We would like to replace them with one application and are looking for "
            "a government that has built one."
        ),
        context="About three million residents and many more daily commuters.",
        tried="We merged two applications last year.",
        constraints="The budget must be committed before the end of the year.",
        expertise_sought="A government that built a single application for all its services.",
        hoped_outcome="A specification for the new application.",
        sector=Sector.DIGITAL,
        lifecycle_stage=LifecycleStage.GENERATING_IDEAS,
        themes=("scaling-public-services",),
        languages=("es",),
        meeting_windows="Weekdays, 10:00 to 16:00 Buenos Aires time (UTC-3).",
        decision_reason=(
            "The challenge describes a product to build rather than a problem the team is stuck "
            "on, and does not yet say which residents' needs the application would meet. We "
            "would welcome it in a later round, starting from those needs."
        ),
    ),
    PastChallenge(
        key="grievance-bot",
        team="Digital India Corporation",
        selected=False,
        submitted_at=paris(3, 6, 7),
        title="A chatbot to answer public grievances",
        summary="We are looking for a chatbot that answers grievances from citizens in every "
        "official language.",
        problem_statement=(
            "Our grievance portal receives a very large number of complaints, and answers take "
            "weeks. A chatbot could answer common questions at once. We want a proven chatbot "
            "product that we can deploy quickly."
        ),
        context="Grievances come from every state, in many languages.",
        tried="A search page of frequent questions, which few people use.",
        constraints="The product must be hosted in the country.",
        expertise_sought="Suppliers or governments with a ready chatbot product.",
        hoped_outcome="A chatbot in production within six months.",
        sector=Sector.DIGITAL,
        lifecycle_stage=LifecycleStage.IMPLEMENTATION,
        themes=("digital-inclusion",),
        languages=("hi", "en"),
        meeting_windows="Weekdays, 10:00 to 17:00 India time (UTC+5:30).",
        decision_reason=(
            "The challenge asks for a technology product rather than for the experience of "
            "another government, and the programme does not procure products. What makes "
            "grievances slow to answer could make a strong challenge next round."
        ),
    ),
]


SOLUTIONS = [
    PastSolution(
        team="Agency for Administrative Modernisation",
        selected=True,
        submitted_at=paris(6, 10, 15),
        by_demo_member=True,
        title="Rewriting official letters with the people who receive them",
        summary=(
            "We rewrote the letters that caused most calls to our helplines, with citizens and "
            "lawyers at the same table, and built the rules into the systems that write them."
        ),
        comparable_problem=(
            "Our citizen shops and helplines received many visits and calls from people who had "
            "not understood a letter from the administration, most often about taxes, vehicle "
            "documents and social security."
        ),
        what_they_did=(
            "We counted which letters caused most contacts and started with the ten worst. For "
            "each, a drafter, a lawyer and a designer rewrote it in plain Portuguese, putting "
            "the action and the deadline first. We tested every draft with ten to fifteen "
            "people who had received the original, including older people and people who read "
            "with difficulty. Lawyers checked each version against the law rather than against "
            "the old wording. We then turned what we learned into templates inside the systems "
            "that generate letters, so that new letters start plain."
        ),
        evidence=(
            "Contacts about the rewritten letters fell by about a third within a year. In "
            "tests, the share of people who could say what to do and by when rose from under "
            "half to about nine in ten."
        ),
        can_share=(Shareable.METHODS, Shareable.TOOLS, Shareable.PEOPLE),
        share_details=(
            "Our testing script, the template rules, before-and-after examples in Portuguese "
            "and English, and two days of coaching from the team."
        ),
        lessons=(
            "Lawyers must be in the room from the first day: rewrites done without them were "
            "undone later. Training alone did not last; templates in the systems did."
        ),
        capacity=1,
        languages=("pt", "en"),
        availability="Two people, about four days a month, from September.",
        themes=("citizen-involvement", "cultural-transformation"),
        interests=("plain-letters", "coverage-renewal"),
    ),
    PastSolution(
        team="Government Digital Service",
        selected=True,
        submitted_at=paris(6, 3, 12),
        title="A shared way to test service changes and decide from the results",
        summary=(
            "A short standard and a small shared tool let any agency run a trial in a live "
            "service, safely and quickly."
        ),
        comparable_problem=(
            "Service teams wanted to test changes on real users, but each trial needed its own "
            "approval, and leaders worried about fairness to users."
        ),
        what_they_did=(
            "We wrote a short standard for trials in live services: what needs an ethics "
            "review, how users are chosen and told, and when a trial stops early. A shared tool "
            "splits traffic between versions and reports results. A small central group "
            "reviews trial plans within two weeks."
        ),
        evidence=(
            "Over two years more than eighty trials ran under the standard in fifteen "
            "organisations. Approval fell from months to under three weeks, and about a third "
            "of trials led to changes that were kept."
        ),
        can_share=(Shareable.METHODS, Shareable.TOOLS, Shareable.CODE),
        share_details=(
            "The trial standard, the review checklist, the open-source traffic-splitting tool "
            "and anonymised trial plans."
        ),
        lessons=(
            "Publishing the results of failed trials built more trust than hiding them. Where "
            "a service cannot be withheld, a staggered roll-out works better than a split."
        ),
        capacity=1,
        languages=("en",),
        availability="One service designer and one analyst, two days a month each.",
        themes=("open-experimentation", "evidence-based-policymaking"),
        interests=("safe-trials", "software-reuse"),
    ),
    PastSolution(
        team="Estonian Information System Authority",
        selected=True,
        submitted_at=paris(5, 28, 10),
        title="Shared building blocks every agency can take and run",
        summary=(
            "We run a catalogue of reusable components, each with an owner, documentation and "
            "a shared maintenance budget."
        ),
        comparable_problem=(
            "Agencies kept building their own versions of the same functions: sign-in, "
            "document exchange, notifications."
        ),
        what_they_did=(
            "We picked the functions most often rebuilt and made each a shared component with "
            "a named owner agency, documentation and service levels. New systems must check "
            "the catalogue first and explain why if they build their own. Contract templates "
            "make code and documentation belong to the state. A shared budget pays for "
            "maintenance, and agencies contribute according to their use."
        ),
        evidence=(
            "Most new systems now use at least three shared components. A new service takes "
            "months less to build, and dozens of separate sign-in systems became one."
        ),
        can_share=(Shareable.METHODS, Shareable.CODE, Shareable.PEOPLE),
        share_details=(
            "The catalogue rules, contract clauses on the ownership of code, the cost-sharing "
            "model, and a study visit to Tallinn."
        ),
        lessons=(
            "A catalogue without owners and support is a graveyard of code. The rule to check "
            "the catalogue first mattered more than any technology."
        ),
        capacity=2,
        languages=("et", "en", "ru"),
        availability="Three architects, up to a week a month between them.",
        themes=("scaling-public-services", "cultural-transformation"),
        interests=("software-reuse", "safe-trials"),
    ),
    PastSolution(
        team="Canadian Digital Service",
        selected=True,
        submitted_at=paris(6, 16, 21),
        title="Renewing benefits automatically from data the government already holds",
        summary=(
            "We helped a benefits programme renew most recipients without a form, and reach "
            "the others by letter, text and phone."
        ),
        comparable_problem=(
            "Older people lost a monthly benefit when they did not return the renewal form or "
            "file their tax return on time, although they still qualified."
        ),
        what_they_did=(
            "With the benefits programme and the tax agency we mapped which recipients could be "
            "renewed from tax data alone, and changed the process so that they are renewed "
            "without a form. For the others we wrote plain reminders by letter, text and "
            "phone, timed around the tax season, and a short renewal by phone."
        ),
        evidence=(
            "About eight in ten recipients are now renewed without a form. Payments stopped "
            "for paperwork reasons fell by more than half in the first year."
        ),
        can_share=(Shareable.METHODS, Shareable.DATA, Shareable.PEOPLE),
        share_details=(
            "Process maps, reminder wording in English and French, and the measures we use to "
            "track interrupted payments."
        ),
        lessons=(
            "The legal authority to use the data took longer than the technology. Phone agents "
            "were the best source of ideas for reminders."
        ),
        capacity=2,
        languages=("en", "fr"),
        availability="A product lead and a policy adviser, three days a month each.",
        themes=("digital-inclusion", "evidence-based-policymaking"),
        interests=("coverage-renewal", "rent-arrears"),
    ),
    PastSolution(
        team="Government Laboratory of Chile",
        selected=True,
        submitted_at=paris(6, 5, 16),
        title="Lasting co-design with indigenous communities in health services",
        summary=(
            "We designed intercultural health services with Mapuche communities, and kept the "
            "relationship going after the project ended."
        ),
        comparable_problem=(
            "Health services in the south were designed without Mapuche communities, who used "
            "them less and trusted them little."
        ),
        what_they_did=(
            "Before any design work we agreed with community leaders how decisions would be "
            "taken, how long the work would last and who would own what was learned. Community "
            "facilitators, paid by the project, led the sessions in Mapudungun and Spanish. "
            "Designs were decided together and tested in two health centres. A standing round "
            "table reviews the services since."
        ),
        evidence=(
            "Use of the redesigned services rose in both health centres, and the round table "
            "still meets three years on. Two other ministries have used the method."
        ),
        can_share=(Shareable.METHODS, Shareable.PEOPLE),
        share_details=(
            "Our agreement template, the facilitation guide, and conversations with our "
            "facilitators and community partners."
        ),
        lessons=(
            "Agreeing how to decide took as long as the design, and was worth it. Paying "
            "community facilitators was essential."
        ),
        capacity=1,
        languages=("es", "en"),
        availability="One designer, four days a month, from August.",
        themes=("citizen-involvement", "cultural-transformation"),
        interests=("co-design", "plain-letters"),
    ),
    PastSolution(
        team="Rwanda Information Society Authority",
        selected=True,
        submitted_at=paris(5, 21, 9),
        title="Weather and planting advice by text and voice, in the farmers' language",
        summary=(
            "We send local forecasts and planting advice to smallholder farmers by text and "
            "recorded voice messages in Kinyarwanda."
        ),
        comparable_problem=(
            "Smallholder farmers lost harvests to changing rain, and advice from agronomists "
            "reached few of them in time."
        ),
        what_they_did=(
            "With the weather agency and the agriculture board we turn local forecasts into "
            "short advice for each growing area. Messages go out by text and, for farmers who "
            "prefer it, as recorded voice calls. Farmer promoters in each village register "
            "farmers and collect their questions, which shape the next messages."
        ),
        evidence=(
            "More than a million farmers registered in three seasons. In a survey of two "
            "districts most recipients changed planting dates following the advice, and their "
            "yields were higher than those of farmers without it."
        ),
        can_share=(Shareable.METHODS, Shareable.TOOLS, Shareable.PEOPLE),
        share_details=(
            "Message templates, the registration process through farmer promoters, and our "
            "agreements with mobile operators."
        ),
        lessons=(
            "Voice messages reached farmers who could not read texts. One wrong forecast lost "
            "trust for a season, so messages now say how sure the forecast is."
        ),
        capacity=2,
        languages=("rw", "en", "fr"),
        availability="A programme manager and an agronomist, two days a month each.",
        themes=("climate-adaptation", "digital-inclusion"),
        interests=("crop-advice", "repeat-medicines"),
    ),
    PastSolution(
        team="Ministry of Management and Innovation in Public Services",
        selected=True,
        submitted_at=paris(6, 18, 13),
        title="Chronic medicines closer to home through partner pharmacies",
        summary=(
            "Patients with chronic conditions collect free medicines at pharmacies near them, "
            "and a national register keeps track of every collection."
        ),
        comparable_problem=(
            "Patients with high blood pressure and diabetes queued at public health units each "
            "month to collect medicines, and many interrupted their treatment."
        ),
        what_they_did=(
            "Partner pharmacies hand out listed medicines free of charge against a "
            "prescription and record each collection in a national register. Patients get a "
            "text message when a refill is due. Health units see in the register whether their "
            "patients collect, and follow up with those who stop."
        ),
        evidence=(
            "Tens of thousands of pharmacies take part. Studies found fewer hospital admissions "
            "for high blood pressure and diabetes after the programme began."
        ),
        can_share=(Shareable.METHODS, Shareable.DATA),
        share_details=(
            "The register's design, the agreements with pharmacies, and the evaluations, most "
            "in Portuguese with English summaries."
        ),
        lessons=(
            "Checks against fraud had to be there from the start. Rural areas with few "
            "pharmacies needed other answers, such as delivery by community health workers."
        ),
        capacity=1,
        languages=("pt", "es", "en"),
        availability="A health policy adviser, three days a month.",
        themes=("public-health", "scaling-public-services"),
        interests=("repeat-medicines", "coverage-renewal"),
    ),
    PastSolution(
        team="New South Wales Behavioural Insights Unit",
        selected=True,
        submitted_at=paris(6, 12, 2),
        title="Early, friendly contact that keeps people out of debt to government",
        summary=(
            "We redesigned letters and texts about overdue payments, tested them in randomised "
            "trials, and fewer people fell further behind."
        ),
        comparable_problem=(
            "People with overdue rent, fines and fees ignored formal letters until the debt "
            "had grown and enforcement had begun."
        ),
        what_they_did=(
            "With the housing agency and the debt recovery office we send a short text and a "
            "plain letter soon after the first missed payment, offering a payment plan and a "
            "named contact. Each change was tested in a randomised trial against the old "
            "letters."
        ),
        evidence=(
            "In social housing, the share of tenants reaching a formal arrears notice fell by "
            "about a fifth. Payments of overdue fines rose after a redesigned text message."
        ),
        can_share=(Shareable.METHODS, Shareable.TOOLS, Shareable.PEOPLE),
        share_details=(
            "Trial protocols, message wording, and coaching on running trials in everyday "
            "operations."
        ),
        lessons=(
            "A named person and a phone number mattered more than clever wording. Trials must "
            "run long enough to see whether people keep paying."
        ),
        capacity=2,
        languages=("en",),
        availability="Two advisers, about a week a month between them.",
        themes=("evidence-based-policymaking", "open-experimentation"),
        interests=("rent-arrears", "coverage-renewal", "plain-letters"),
    ),
    PastSolution(
        team="City of Boston New Urban Mechanics",
        selected=True,
        submitted_at=paris(6, 1, 18),
        title="Trying changes to city services on the street, with residents",
        summary=(
            "We pilot changes to city services in one neighbourhood with residents, measure "
            "them and stop what does not work."
        ),
        comparable_problem=(
            "City departments hesitated to try new ways of delivering services because "
            "failures were public and costly."
        ),
        what_they_did=(
            "Our team is the city's research and development office. Each pilot is small, "
            "time-limited and agreed with the department that would own it. Residents help "
            "design and judge it. A short agreement says in advance what will be measured and "
            "when the pilot stops."
        ),
        evidence=(
            "Several pilots became citywide services, among them a street-repair reporting "
            "application. Pilots that did not work were stopped and written up."
        ),
        can_share=(Shareable.METHODS, Shareable.PEOPLE),
        share_details="Our pilot agreement, our evaluation approach, and talks with departments.",
        lessons=(
            "Saying in advance when a pilot stops made departments willing to start. "
            "Publishing what failed helped more than it hurt."
        ),
        capacity=1,
        languages=("en", "es"),
        availability="One team member, two days a month.",
        themes=("open-experimentation", "citizen-involvement"),
        interests=("safe-trials", "rent-arrears"),
    ),
    PastSolution(
        team="Seoul Metropolitan Government Digital Policy Office",
        selected=True,
        submitted_at=paris(6, 8, 3),
        title="Residents proposing and deciding on city policy, online and in person",
        summary=(
            "Residents propose policies on a city platform and help decide on them, with "
            "neighbourhood sessions for those who are not online."
        ),
        comparable_problem=(
            "Residents felt consulted too late, and the same few voices filled every public "
            "meeting."
        ),
        what_they_did=(
            "Proposals with enough support get a public answer from the department in charge, "
            "and some go to a deliberation with randomly selected residents. Neighbourhood "
            "centres hold sessions in person so that older residents take part. Departments "
            "report what they did with each proposal."
        ),
        evidence=(
            "Thousands of proposals a year, many adopted in full or in part. Participation of "
            "residents over sixty rose once sessions in person were added."
        ),
        can_share=(Shareable.METHODS, Shareable.TOOLS),
        share_details=(
            "The platform's rules, the deliberation process and the departments' reporting "
            "duties, in Korean and English."
        ),
        lessons=(
            "Answering every proposal mattered more than adopting many. Random selection "
            "brought in people who never came to meetings."
        ),
        capacity=1,
        languages=("ko", "en"),
        availability="A participation officer, two days a month.",
        themes=("citizen-involvement", "cultural-transformation"),
        interests=("co-design", "plain-letters"),
    ),
    PastSolution(
        team="Federal Government Digital Service",
        selected=False,
        submitted_at=paris(6, 19, 11),
        title="Our federal cloud platform, offered to other governments",
        summary="We offer other governments hosting for their services on our cloud platform.",
        comparable_problem="Federal agencies needed secure hosting for their services.",
        what_they_did="We built a federal cloud platform that agencies use for hosting.",
        evidence="Many federal services run on the platform.",
        can_share=(Shareable.TOOLS,),
        share_details="Access to the platform under an agreement.",
        lessons="",
        capacity=2,
        languages=("de", "en"),
        availability="On request.",
        themes=("scaling-public-services",),
        interests=("software-reuse",),
        decision_reason=(
            "The proposal offers a hosting service rather than the experience of solving a "
            "comparable problem. We would welcome a proposal about how your agencies came to "
            "share one platform."
        ),
    ),
    PastSolution(
        team="Quebec Ministry of Cybersecurity and Digital",
        selected=False,
        submitted_at=paris(6, 19, 15),
        title="Plain-language pages for government services",
        summary="We are rewriting the pages of our service portal in plain language.",
        comparable_problem="People did not understand our service pages.",
        what_they_did=(
            "We started rewriting the most visited pages of the portal with a plain-language "
            "checklist."
        ),
        evidence="The work started this spring; results are not measured yet.",
        can_share=(Shareable.METHODS,),
        share_details="Our checklist, in French.",
        lessons="",
        capacity=1,
        languages=("fr",),
        availability="One writer, a day a month.",
        themes=("citizen-involvement",),
        interests=("plain-letters",),
        decision_reason=(
            "The work is promising but young: the proposal shows no results yet. We would "
            "welcome it in a later round, once the rewritten pages have been evaluated."
        ),
    ),
]
