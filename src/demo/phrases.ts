/*
 * English phrase banks for titles, summaries and introductions. Templates use
 * `{placeholders}` filled by text.ts. Subjects may be singular or plural ("grid
 * interconnection", "flood defenses"), so templates only use them where verb agreement
 * cannot go wrong: as objects, after prepositions, or before modal and past-tense verbs.
 */

export const ACTORS = [
  'finance ministries',
  'regional lenders',
  'national parliaments',
  'city authorities',
  'donor agencies',
  'industry associations',
  'civil society groups',
  'defense planners',
  'trade negotiators',
  'central banks',
  'regulators',
  'local governments',
  'multilateral development banks',
  'foreign ministries',
  'insurers',
  'investors',
];

export const PRESSURES = [
  'great-power rivalry',
  'fiscal austerity',
  'climate shocks',
  'fragmented trade',
  'low public trust',
  'rising interest rates',
  'contested elections',
  'technological disruption',
  'shrinking aid budgets',
  'overlapping emergencies',
];

export const TITLE_TEMPLATES = [
  '{subject} and the future of {topic} in {region}',
  'Why {region} should take {subject} seriously',
  'The hidden costs of {subject}',
  'Rethinking {subject}: lessons from {region}',
  'Can {region} get {subject} right?',
  'The quiet politics of {subject}',
  'Beyond {subject}: a new agenda for {region}',
  'Who pays for {subject}?',
  'Mapping {subject} across {region}',
  '{subject} in an age of {pressure}',
  'What {subject} could mean for {region}',
  'Five questions about {subject} in {region}',
  'How {actor} can make {subject} work',
  'The case for patience on {subject}',
  'A reality check on {subject}',
  'After the summit: what comes next for {subject}',
  'Getting {subject} wrong: a warning from {region}',
  'The uneven geography of {subject}',
  '{subject}, {pressure} and the limits of ambition',
  'Between promise and practice: {subject} in {region}',
  'Why {actor} keep misreading {subject}',
  'Reading the fine print on {subject}',
  'Three scenarios for {subject} in {region}',
  'The long road to {subject}',
  'Small steps, large stakes: {subject} in {region}',
  'Rebuilding trust in {subject}',
  'What {region} can teach the world about {subject}',
  'Counting the cost of delay on {subject}',
];

/** Title shapes that suit particular types; used instead of the general list some of the time. */
export const TYPE_TITLE_TEMPLATES: Record<string, readonly string[]> = {
  report: [
    '{subject} in {region}: an assessment',
    'Tracking {subject}: a {year} review',
    '{topic} outlook for {region}',
  ],
  testimony: [
    'Testimony on {subject} and {topic}',
    'Statement on {subject} before the committee on {topic}',
  ],
  book: [
    'Unfinished business: {subject} in {region}',
    'Governing {subject}: institutions, money and power',
  ],
};

export const SUMMARY_OPENERS = [
  'Debates over {subject} in {region} have moved from the margins to the center of policy.',
  'Governments across {region} are under pressure to show results on {subject}.',
  'Progress on {subject} has become a test of whether {actor} can turn pledges into practice.',
  'For {actor} in {region}, the question of {subject} now sits at the heart of the {topic} agenda.',
  'The politics of {subject} in {region} are shifting faster than the institutions meant to manage them.',
  'Few questions in {topic} divide experts as sharply as how to approach {subject}.',
  'Since {pastYear}, spending on {subject} in {region} has grown, but results have lagged.',
  'Ambitious plans for {subject} in {region} are running into familiar obstacles.',
  'The record on {subject} in {region} is better than its critics claim and worse than its champions admit.',
  'A decade of experiments with {subject} offers {region} a clearer view of what works.',
];

export const SUMMARY_CLOSERS = [
  'This {kind} explains why, and sets out what {actor} should do next.',
  'This {kind} traces the causes and proposes a more modest, more durable approach.',
  'Drawing on interviews and new data, this {kind} identifies three priorities for {actor}.',
  'The {kind} argues that the decisive choices will be made by {actor}, not at summits.',
  'It concludes that credible institutions matter more than new money.',
  'The {kind} recommends a shift from announcements to measurable commitments.',
  'Getting the sequencing right, the {kind} argues, matters more than the headline targets.',
  'It offers a practical agenda for the next {count} years.',
  'The {kind} weighs the trade-offs and suggests where compromise is possible.',
];

export const INTRO_OPENERS = [
  'Few issues have climbed the agenda in {region} as quickly as {subject}.',
  'For much of the past decade, the question of {subject} was treated as a technical matter best left to specialists.',
  'Debates about {subject} in {region} tend to swing between alarm and complacency.',
  'When {actor} in {region} talk about {topic} today, they increasingly mean {subject}.',
  'In {pastYear}, few observers would have predicted how central {subject} would become.',
  'Ask ten officials in {region} about {subject} and you are likely to hear ten different answers.',
  'The first thing to understand about {subject} is that the question was never only a technical one.',
  'Until recently, discussions of {subject} rarely left the specialist journals.',
  'Every few years, the debate on {subject} is declared either settled or hopeless; neither verdict has held.',
  'Across {region}, the conversation about {topic} has narrowed to a debate about {subject}.',
  'Public attention to {subject} tends to rise with each crisis and fade soon after.',
  'The numbers on {subject} in {region} tell a story of ambition outrunning capacity.',
];

export const INTRO_STAKES = [
  'That is no longer tenable: the costs of getting it wrong now fall on budgets, voters and neighbors alike.',
  'The stakes are rising, because decisions taken in the next few years will be hard to reverse.',
  'What happens next will shape how {actor} approach {topic} for a generation.',
  'The choices facing {actor} are harder than the public debate suggests.',
  'Yet the evidence from {region} points to a more complicated picture.',
  'Behind the headlines, {actor} and {actor2} are quietly rewriting the rules.',
  'The gap between what has been promised and what has been delivered is now too large to ignore.',
  'Both sides of the argument have a point, and neither has the full picture.',
  'The result is a policy debate that is loud on goals and quiet on means.',
  'In the meantime, the practical work of implementation has fallen to {actor}.',
];

export const THESES = [
  'This {kind} argues that the binding constraint on {subject} is institutional rather than financial.',
  'This {kind} argues that {actor} have underestimated how quickly {subject} can reshape the politics of {topic}.',
  'The argument here is simple: progress on {subject} depends less on new money than on credible rules.',
  'This {kind} makes the case for a narrower, better-sequenced approach to {subject}.',
  'This {kind} contends that {region} is better placed than is often assumed, provided {actor} act early.',
  'The central claim of this {kind} is that policy on {subject} will succeed only if the people who bear the costs also see the benefits.',
  'This {kind} suggests that the current consensus on {subject} rests on three assumptions that no longer hold.',
  'What follows argues that {subject} should be treated as a question of governance, not only of technology or money.',
  'This {kind} proposes a different starting point: begin with what {actor} already do well.',
  'This {kind} argues that coordination between {actor} and {actor2} is the missing piece.',
];
