"""The demo round's challenges, as their teams would write them. Seeded by
``challenges.demo_seed``; the teams and themes come from ``incubator.demo.round``."""

from dataclasses import dataclass

from challenges.models import LifecycleStage, Sector


@dataclass(frozen=True)
class DemoChallenge:
    team: str
    # published (selected and on the public pages), screening, submitted or draft
    state: str
    # how many days ago the team submitted it; None for a draft
    submitted_days_ago: int | None
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
    # the secretariat's checklist and note, for challenges in screening
    eligibility: dict[str, bool] | None = None
    screening_note: str = ""


CHALLENGES = [
    DemoChallenge(
        team="Kenya ICT Authority",
        state="published",
        submitted_days_ago=13,
        title="Registering births in pastoralist communities",
        summary=(
            "Many births in our northern counties are registered late or never, which later "
            "keeps children out of school, health cover and the identity card."
        ),
        problem_statement=(
            "In the arid northern counties, many families move with their herds and live days "
            "away from a registration office. Births are often registered only when a child "
            "needs a document to enrol in school, years later, and some never are. Late "
            "registration needs sworn statements and travel that families cannot afford. "
            "Without a birth certificate a young person cannot get an identity card, and so "
            "cannot open a bank account, vote or own land."
        ),
        context=(
            "Six counties with about a million and a half residents, a large share of them "
            "mobile pastoralists. Community health volunteers visit most households at least "
            "once a year, and local chiefs keep informal lists of births and deaths."
        ),
        tried=(
            "Mobile registration drives twice a year reached villages on the road network but "
            "missed families on the move. A pilot that let health volunteers notify births by "
            "text message raised notifications, but few turned into certificates because "
            "parents still had to collect them in town."
        ),
        constraints=(
            "Only a registrar can issue a certificate, and registration after six months "
            "counts as late, with extra steps. Mobile coverage is patchy. Any change must run "
            "on the current civil registration system, which we cannot replace this budget "
            "cycle."
        ),
        expertise_sought=(
            "Governments that made notification by community workers count legally, or that "
            "deliver documents to remote households without the family travelling. Experience "
            "with registration tools that work offline is welcome."
        ),
        hoped_outcome=(
            "A tested route from birth notification to a certificate in the family's hands "
            "within three months, ready to pilot in two counties."
        ),
        sector=Sector.SOCIAL,
        lifecycle_stage=LifecycleStage.GENERATING_IDEAS,
        themes=("digital-inclusion", "scaling-public-services"),
        languages=("en", "sw"),
        meeting_windows="Monday to Thursday, 09:00 to 13:00 Nairobi time (UTC+3).",
    ),
    DemoChallenge(
        team="Helsinki City Data Team",
        state="published",
        submitted_days_ago=12,
        title="Showing residents when their street will be cleared of snow",
        summary=(
            "After every heavy snowfall thousands of residents ask when their street will be "
            "ploughed; we hold the data to answer but do not share it in a usable way."
        ),
        problem_statement=(
            "After each heavy snowfall the city's feedback channels fill with the same "
            "question: when will my street be cleared? The ploughs carry GPS units and work to "
            "published priority classes, yet none of this reaches residents in a form they can "
            "use. Answering by hand takes staff away from other work, and vague answers erode "
            "trust in the service. We want to give an honest estimate, street by street, and "
            "explain the priorities behind it."
        ),
        context=(
            "The city maintains well over a thousand kilometres of streets and a dense network "
            "of walking and cycling routes. Clearing is done partly by the city's own service "
            "company and partly by contractors, each with its own vehicle tracking system."
        ),
        tried=(
            "We published a live map of plough positions one winter. Enthusiasts liked it, but "
            "it did not answer the question for most residents, and it caused complaints when "
            "a plough drove past a lower-priority street without clearing it."
        ),
        constraints=(
            "Contractors' tracking data is shared under agreements that limit publication. "
            "Estimates that turn out wrong could raise liability questions. The service must "
            "work in Finnish, Swedish and English and meet accessibility rules."
        ),
        expertise_sought=(
            "Cities that publish expected service times for street maintenance, waste "
            "collection or similar field work, and that learned how to explain uncertainty to "
            "the public."
        ),
        hoped_outcome=(
            "A street lookup tested with residents through one winter, and data-sharing "
            "clauses we can put in the next contractor tender."
        ),
        sector=Sector.TRANSPORT,
        lifecycle_stage=LifecycleStage.DEVELOPING_PROPOSALS,
        themes=("citizen-involvement", "open-experimentation"),
        languages=("fi", "sv", "en"),
        meeting_windows=(
            "Tuesday to Thursday, 10:00 to 15:00 Helsinki time (UTC+2, UTC+3 in summer)."
        ),
    ),
    DemoChallenge(
        team="Government Laboratory of Chile",
        state="published",
        submitted_days_ago=11,
        title="Knowing whether small service improvements actually work",
        summary=(
            "Public bodies run dozens of small improvement projects a year, but almost none "
            "are evaluated, so we cannot tell which ones deserve to be scaled."
        ),
        problem_statement=(
            "The ministries and municipalities we support redesign forms, waiting rooms, "
            "letters and online procedures every year. Teams measure activity, such as the "
            "number of workshops held, but rarely whether people are better served afterwards. "
            "Formal impact evaluations cost more than the projects themselves and take years. "
            "Good ideas fade when their sponsor moves on, and weak ones are copied because "
            "they look modern."
        ),
        context=(
            "Our network includes more than a hundred public institutions. Most project teams "
            "have three to five people and no analyst, and the budget for evaluation is "
            "usually nothing."
        ),
        tried=(
            "We wrote an evaluation guide and trained project leads. Teams liked the training "
            "but few applied it: the baseline was collected too late in the project, and the "
            "data lived in other departments."
        ),
        constraints=(
            "Administrative data is held by each institution, and sharing it takes agreements "
            "that need months. Assigning people to services at random is often seen as unfair "
            "or is not legally possible. Results must be publishable without identifying anyone."
        ),
        expertise_sought=(
            "Teams that built a simple, repeatable evaluation routine into public innovation "
            "projects, for instance with administrative data, staged roll-outs or standard "
            "service measures."
        ),
        hoped_outcome=(
            "A minimum evaluation standard a small team can apply in weeks, tried on three "
            "live projects, with results shared on one dashboard."
        ),
        sector=Sector.GENERAL,
        lifecycle_stage=LifecycleStage.EVALUATION,
        themes=("evidence-based-policymaking", "open-experimentation"),
        languages=("es",),
        meeting_windows="Monday to Friday, 09:00 to 12:00 Santiago time (UTC-3, UTC-4 in winter).",
    ),
    DemoChallenge(
        team="Digital Agency",
        state="published",
        submitted_days_ago=10,
        title="Moving municipalities onto shared systems without losing local needs",
        summary=(
            "Municipalities are moving their core systems onto common standards, and many ask "
            "for local changes that would undo the benefits of sharing."
        ),
        problem_statement=(
            "Each municipality has long run its own systems for residents' records, local tax "
            "and welfare, adapted over decades. A national programme now sets common standards "
            "so that systems can be shared and run in the government cloud. Many "
            "municipalities ask for exceptions, often for good reasons such as a local benefit "
            "or an unusual procedure. If every request is granted the standards lose their "
            "value; if none are, services for residents suffer."
        ),
        context=(
            "More than 1,700 municipalities of very different sizes take part, from large "
            "cities to villages with one or two IT staff. Several vendors compete to build the "
            "standard systems in each area."
        ),
        tried=(
            "A central help desk answers questions on the standards, and a working group "
            "reviews change requests every quarter. The backlog keeps growing, and "
            "municipalities say decisions arrive too late for their migration plans."
        ),
        constraints=(
            "Migration deadlines are set in law. Municipalities are autonomous and cannot be "
            "ordered to drop a local service. Budgets for customisation are limited, and "
            "vendors' capacity is stretched."
        ),
        expertise_sought=(
            "National or federal teams that run a shared platform for many local governments, "
            "with a way of governing change requests and local extensions."
        ),
        hoped_outcome=(
            "A decision model for local variations, with criteria and response times, to pilot "
            "with a group of prefectures next year."
        ),
        sector=Sector.DIGITAL,
        lifecycle_stage=LifecycleStage.IMPLEMENTATION,
        themes=("scaling-public-services", "cultural-transformation"),
        languages=("ja", "en"),
        meeting_windows=(
            "Monday to Friday, 09:00 to 11:00 Tokyo time (UTC+9); early evening in Tokyo also "
            "suits partners in Europe."
        ),
    ),
    DemoChallenge(
        team="Lagos State Innovation Office",
        state="published",
        submitted_days_ago=9,
        title="Flood warnings that reach people in informal settlements",
        summary=(
            "Our flood alerts reach social media users and radio listeners, but not the "
            "residents of low-lying informal settlements who are most at risk."
        ),
        problem_statement=(
            "Each rainy season, flash floods hit low-lying neighbourhoods, many of them "
            "informal settlements along the lagoon and canals. The state issues warnings based "
            "on rainfall forecasts and water levels, but they travel through channels many "
            "residents do not follow, and often in English only. People in these areas rely on "
            "neighbours, community leaders and market associations for news. When a warning "
            "does arrive, residents are unsure what to do or where to go."
        ),
        context=(
            "Several hundred thousand people live in flood-prone informal areas. Community "
            "development associations are active in most of them, and most adults own a mobile "
            "phone, though not always a smartphone."
        ),
        tried=(
            "Bulk text warnings in one rainy season went to many outdated numbers and were "
            "dismissed as spam. Radio jingles raised awareness but could not say when a "
            "particular area was at risk."
        ),
        constraints=(
            "Operators charge for bulk messages and require consent for each list. Some "
            "settlements are not officially recognised, which limits public investment there. "
            "Messages must be in Yoruba, Pidgin and English."
        ),
        expertise_sought=(
            "Cities or regions that built community-based early warning networks, or that "
            "worked with mobile operators on alerts by location."
        ),
        hoped_outcome=(
            "A warning chain tested in three settlements during one rainy season, with a count "
            "of the households that received a warning and acted on it."
        ),
        sector=Sector.ENVIRONMENT,
        lifecycle_stage=LifecycleStage.DEVELOPING_PROPOSALS,
        themes=("climate-adaptation", "citizen-involvement"),
        languages=("en", "yo"),
        meeting_windows="Monday to Friday, 10:00 to 16:00 Lagos time (UTC+1).",
    ),
    DemoChallenge(
        team="New South Wales Behavioural Insights Unit",
        state="published",
        submitted_days_ago=8,
        title="Fewer missed specialist appointments in regional hospitals",
        summary=(
            "About one in eight outpatient appointments in our regional hospitals is missed, "
            "which lengthens the wait for everyone else."
        ),
        problem_statement=(
            "Patients in regional and remote areas often wait months for a specialist "
            "appointment, then miss it. Some forget, some cannot arrange transport over long "
            "distances, and some no longer need the appointment but never tell the clinic. "
            "Each missed slot is lost time for clinicians and a longer wait for the next "
            "patient. Reminders have helped in the cities, but the causes in regional areas "
            "seem to be different."
        ),
        context=(
            "The regional health districts serve about a third of the state's population "
            "across very large distances. Aboriginal people and older people are "
            "over-represented among those who miss appointments."
        ),
        tried=(
            "Text reminders with an easy way to cancel reduced missed appointments in "
            "metropolitan clinics; the same message had a much smaller effect in a regional "
            "trial. Some clinics offer video consultations, but take-up varies a lot between "
            "specialties."
        ),
        constraints=(
            "Health data sits in several hospital systems under strict privacy rules. Patient "
            "transport is run by separate agencies. Any approach must be culturally safe and "
            "developed with Aboriginal health services."
        ),
        expertise_sought=(
            "Health services that reduced missed appointments among rural patients, for "
            "instance by combining transport support, remote consultations and better "
            "scheduling."
        ),
        hoped_outcome=(
            "A package of changes tried in two regional hospitals, with a trial design that "
            "shows whether it works before it is scaled across the state."
        ),
        sector=Sector.HEALTH,
        lifecycle_stage=LifecycleStage.GENERATING_IDEAS,
        themes=("public-health", "evidence-based-policymaking"),
        languages=("en",),
        meeting_windows=(
            "Monday to Thursday, 08:00 to 10:00 or 16:00 to 18:00 Sydney time "
            "(UTC+10, UTC+11 in summer)."
        ),
    ),
    DemoChallenge(
        team="Seoul Metropolitan Government Digital Policy Office",
        state="screening",
        submitted_days_ago=7,
        title="Checking on older people who live alone, without intrusive monitoring",
        summary=(
            "More and more older residents live alone, and some are found only days after a "
            "fall or an illness."
        ),
        problem_statement=(
            "A growing share of older residents live alone, often in small flats with little "
            "contact with family. Welfare workers call or visit those they know about, but "
            "caseloads are high and many isolated people never come to their attention. "
            "Sensors can detect unusual inactivity, yet some residents refuse them as an "
            "invasion of privacy, and false alarms waste staff time. We need a way of noticing "
            "that someone may be in trouble that residents accept and staff can act on."
        ),
        context=(
            "Hundreds of thousands of residents aged 65 and over live alone in the city. "
            "Neighbourhood community centres employ welfare staff, and volunteers already make "
            "regular calls."
        ),
        tried=(
            "An automated call service phones residents weekly and flags unanswered calls; it "
            "helped, but many flags were false and residents found the calls impersonal. A "
            "pilot that used electricity meter readings to detect inactivity raised privacy "
            "concerns."
        ),
        constraints=(
            "Data protection law requires explicit consent for any monitoring. Welfare staff "
            "numbers will not grow. Solutions must work for people with hearing or sight loss "
            "and for those without a smartphone."
        ),
        expertise_sought=(
            "Cities that combine community networks with light technology to reach isolated "
            "older people, and that measured false alarms and residents' acceptance."
        ),
        hoped_outcome=(
            "A neighbourhood model tested in three districts that finds isolated residents "
            "earlier, with consent rates and response times compared across districts."
        ),
        sector=Sector.SOCIAL,
        lifecycle_stage=LifecycleStage.IMPLEMENTATION,
        themes=("public-health", "citizen-involvement"),
        languages=("ko", "en"),
        meeting_windows=("Monday to Friday, 09:00 to 11:00 or 16:00 to 18:00 Seoul time (UTC+9)."),
        eligibility={
            "public_body": True,
            "in_scope": True,
            "time_commitment": True,
            "no_conflict": True,
        },
        screening_note=(
            "All checks pass. Suggest a reviewer with social care experience; the team has an "
            "evaluation of its call service under way."
        ),
    ),
    DemoChallenge(
        team="Brittany Regional Digital Office",
        state="screening",
        submitted_days_ago=6,
        title="Deciding with coastal residents which places to protect from erosion",
        summary=(
            "Rising seas force hard choices about which stretches of coast to defend, and "
            "residents hear of the plans only once they are decided."
        ),
        problem_statement=(
            "Parts of the regional coastline are retreating, threatening homes, roads and "
            "farmland. Municipalities must prepare plans that say where to defend the coast and "
            "where to let it move, which may mean relocating buildings over the coming decades. "
            "These decisions touch property values and family histories, and public meetings "
            "quickly turn confrontational. Officials fear that sharing risk maps early will "
            "cause alarm, so residents lack honest information until it is too late to shape "
            "the plans."
        ),
        context=(
            "About forty coastal municipalities in the region are concerned, most of them "
            "small. Erosion data comes from national and regional monitoring networks, each "
            "with its own maps."
        ),
        tried=(
            "One municipality held a citizens' workshop with interactive maps. It was well "
            "received but took months to prepare. Online consultations drew few responses, "
            "mostly from owners of second homes."
        ),
        constraints=(
            "Planning decisions stay with elected councils. Risk maps have legal consequences "
            "for insurance and building permits, so draft maps must be handled with care. The "
            "work must be in French."
        ),
        expertise_sought=(
            "Regions or municipalities that involved residents in planning for coastal retreat "
            "or other long-term climate risks, and that can share materials and facilitation "
            "methods."
        ),
        hoped_outcome=(
            "A participation kit of maps, meeting formats and a timetable, tested in two "
            "municipalities, that others can run with little support."
        ),
        sector=Sector.ENVIRONMENT,
        lifecycle_stage=LifecycleStage.IDENTIFYING_PROBLEMS,
        themes=("climate-adaptation", "citizen-involvement"),
        languages=("fr",),
        meeting_windows=(
            "Tuesday to Friday, 09:30 to 12:00 and 14:00 to 17:00 Paris time "
            "(UTC+1, UTC+2 in summer)."
        ),
        eligibility={
            "public_body": True,
            "in_scope": True,
            "time_commitment": False,
            "no_conflict": True,
        },
        screening_note=(
            "The team is two people: asked them to confirm the time they can give over the "
            "incubation period before this moves to review. French only, so few providers "
            "will fit."
        ),
    ),
    DemoChallenge(
        team="Canadian Digital Service",
        state="submitted",
        submitted_days_ago=5,
        title="Reaching people who qualify for benefits but never apply",
        summary=(
            "Many low-income seniors and families qualify for federal benefits they never "
            "claim, often because they do not know or the process looks too hard."
        ),
        problem_statement=(
            "Take-up of several income benefits stays well below the number of people who "
            "qualify. Those who miss out are often the people who need support most: seniors "
            "living alone, newcomers, people who do not file a tax return. Departments hold "
            "much of the information needed to identify them, but it sits in separate "
            "programmes. Outreach campaigns mostly reach people who already use government "
            "services."
        ),
        context=(
            "Federal benefits are delivered by several departments, while many people first "
            "meet government through provincial or municipal services. Filing a tax return is "
            "the gateway to most income-tested benefits."
        ),
        tried=(
            "Letters to people flagged as likely eligible raised applications a little. Free "
            "tax clinics run with community organisations help, but their reach depends on "
            "volunteers."
        ),
        constraints=(
            "Privacy law limits how data collected for one programme can be used for another. "
            "Services must be offered in English and French. Provinces and territories run "
            "related programmes under their own rules."
        ),
        expertise_sought=(
            "Governments that introduced automatic or proactive enrolment in benefits, and the "
            "legal and data arrangements that made it possible."
        ),
        hoped_outcome=(
            "A proposal for proactive enrolment in one benefit, with a privacy assessment and "
            "a small test, that departments can take to decision makers."
        ),
        sector=Sector.SOCIAL,
        lifecycle_stage=LifecycleStage.GENERATING_IDEAS,
        themes=("digital-inclusion", "evidence-based-policymaking"),
        languages=("en", "fr"),
        meeting_windows="Monday to Thursday, 09:00 to 12:00 Ottawa time (UTC-5, UTC-4 in summer).",
    ),
    DemoChallenge(
        team="Bogotá Public Innovation Lab",
        state="submitted",
        submitted_days_ago=4,
        title="Bringing young people into participatory budgeting",
        summary=(
            "Young residents can vote in local participatory budgeting, but very few do, so "
            "the projects funded rarely reflect their priorities."
        ),
        problem_statement=(
            "Each of the city's localities sets aside part of its budget for projects that "
            "residents propose and choose. Young people are entitled to take part, yet their "
            "turnout is a small fraction of older residents'. Those who do take part say the "
            "process is slow, the meetings come at awkward times and they rarely see results. "
            "Projects that matter to young people, such as sport, culture and job training, "
            "receive less money as a result."
        ),
        context=(
            "The city has twenty localities, from dense urban districts to a large rural area. "
            "Every locality has a youth council, with little connection to the budget process."
        ),
        tried=(
            "Online voting raised overall turnout but not among young people. Campaigns "
            "through schools reached students but not young workers or those outside "
            "education."
        ),
        constraints=(
            "The rules of participatory budgeting are set by city decree and cannot change "
            "within the current cycle. Online voting must check identity without excluding "
            "people who lack documents. Minors' data needs special protection."
        ),
        expertise_sought=(
            "Cities that raised youth participation in budgeting or planning, and that kept "
            "young people involved while the projects were carried out."
        ),
        hoped_outcome=(
            "A redesigned youth track for the next budgeting cycle, tested in two localities, "
            "with a clear way to report back on the projects funded."
        ),
        sector=Sector.GENERAL,
        lifecycle_stage=LifecycleStage.GENERATING_IDEAS,
        themes=("citizen-involvement", "cultural-transformation"),
        languages=("es",),
        meeting_windows="Tuesday and Thursday, 08:00 to 12:00 Bogotá time (UTC-5).",
    ),
    DemoChallenge(
        team="Estonian Information System Authority",
        state="submitted",
        submitted_days_ago=3,
        title="Basic cyber hygiene in municipalities without IT staff",
        summary=(
            "Most small municipalities rely on one part-time IT contractor, and a single "
            "phishing email can take their services offline for days."
        ),
        problem_statement=(
            "Local governments hold sensitive data on residents and run services people depend "
            "on every day. Many small municipalities have no security staff and buy IT support "
            "by the hour. We publish a security standard and offer training, but the smallest "
            "municipalities struggle to apply it. Their incidents usually come from basic gaps: "
            "unpatched systems, shared passwords, missing backups."
        ),
        context=(
            "There are 79 municipalities, most with fewer than ten thousand residents. They use "
            "a mix of national shared services and software they buy themselves."
        ),
        tried=(
            "Self-assessment questionnaires were filled in but rarely led to change. A shared "
            "security service for several municipalities worked well but stopped when its "
            "project funding ended."
        ),
        constraints=(
            "Municipalities decide their own IT spending; central government can advise and "
            "offer services but cannot impose them. Services must be available in Estonian "
            "and, for some municipalities, Russian."
        ),
        expertise_sought=(
            "Countries that run shared security services or managed IT for small local "
            "governments, including how these are funded and governed."
        ),
        hoped_outcome=(
            "A lasting model of shared security support covering at least twenty "
            "municipalities, with funding agreed with the association of municipalities."
        ),
        sector=Sector.DIGITAL,
        lifecycle_stage=LifecycleStage.DEVELOPING_PROPOSALS,
        themes=("scaling-public-services", "cultural-transformation"),
        languages=("et", "en", "ru"),
        meeting_windows="Monday to Friday, 10:00 to 16:00 Tallinn time (UTC+2, UTC+3 in summer).",
    ),
    DemoChallenge(
        team="Rwanda Information Society Authority",
        state="submitted",
        submitted_days_ago=1,
        title="Helping people with little digital experience use online services",
        summary=(
            "Almost every public service can now be requested online, but many rural citizens "
            "depend on paid agents and sometimes pay far more than the official fee."
        ),
        problem_statement=(
            "Most public services, from land transfers to permits, are now requested through a "
            "national online portal. In rural areas many people have no smartphone or feel "
            "unsure online, so they go to private agents who apply for them. Agents provide a "
            "useful service, but some overcharge, make mistakes or keep copies of personal "
            "documents. People refused because of an agent's error often do not understand why."
        ),
        context=(
            "Several thousand agents work across the country, many in small kiosks near local "
            "government offices. The portal is available in Kinyarwanda, English and French."
        ),
        tried=(
            "We published the official fees and opened a complaints line; complaints came in, "
            "but were hard to act on because agents are not registered. A digital skills "
            "campaign trained many young ambassadors, though it reached few older people."
        ),
        constraints=(
            "Agents are small private businesses and must still earn a living. Regulating them "
            "needs a legal basis that does not exist yet. Connections in some rural areas are "
            "slow."
        ),
        expertise_sought=(
            "Governments that certified or supported intermediaries for public services, or "
            "that run assisted digital points in rural areas."
        ),
        hoped_outcome=(
            "A scheme of accredited agents with clear fees and training, piloted in two "
            "districts, and a way for citizens to check that their agent is accredited."
        ),
        sector=Sector.DIGITAL,
        lifecycle_stage=LifecycleStage.GENERATING_IDEAS,
        themes=("digital-inclusion", "scaling-public-services"),
        languages=("rw", "en", "fr"),
        meeting_windows="Monday to Friday, 09:00 to 15:00 Kigali time (UTC+2).",
    ),
    # The demo member's own team, still writing: "The help you seek" is not answered yet,
    # so the member sees what is left to do before submitting.
    DemoChallenge(
        team="Agency for Administrative Modernisation",
        state="draft",
        submitted_days_ago=None,
        title="Telling the state once when you move house",
        summary=(
            "People who change address must tell many public services separately, and their "
            "records stay out of date for years."
        ),
        problem_statement=(
            "When someone moves, they update the address on their identity card, but tax, "
            "health, social security, vehicle registration and local services each keep their "
            "own records. Some update automatically, others only when the person contacts "
            "them. Letters and fines go to old addresses, appointments are missed and people "
            "lose benefits. Staff spend time tracing people the state has already been told "
            "about."
        ),
        context=(
            "Around a million people change address in the country each year. The national "
            "citizen portal already offers an online change of address for the identity card."
        ),
        tried=(
            "We connected the address change to tax and social security records, which now "
            "update within days. Health and local services still rely on people telling them, "
            "and many municipalities keep their own registers."
        ),
        constraints=(
            "Each service answers for its own records under data protection law, and some "
            "need the person's consent to receive a new address. Municipal systems come from "
            "many different suppliers."
        ),
        expertise_sought="",
        hoped_outcome="",
        sector=Sector.GENERAL,
        lifecycle_stage=LifecycleStage.GENERATING_IDEAS,
        themes=("scaling-public-services",),
        languages=("pt", "en"),
        meeting_windows="",
    ),
]
