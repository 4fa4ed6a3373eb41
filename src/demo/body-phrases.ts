/*
 * English phrase banks for the body of a piece: argument prose, evidence with footnote
 * markers (`{fn}`), counterpoints, quotations, policy implications, conclusions and the
 * footnotes themselves. All sources, people and datasets named here are invented.
 */

export const ARGUMENT = [
  'The first problem is one of sequencing: {actor} have tried to do everything at once, and the result has been a queue of half-finished projects.',
  'Much of the early enthusiasm for {subject} rested on optimistic assumptions about cost and speed.',
  'Experience in {region} suggests that {subject} works best where responsibilities are clearly assigned and publicly reported.',
  'The politics matter as much as the engineering, because every decision on {subject} creates winners and losers.',
  'In practice, {actor} have often lacked the staff and data needed to monitor {subject} properly.',
  'Where reforms have stuck, it has usually been because {actor} built coalitions before announcing targets.',
  'The debate also suffers from a measurement problem: there is no agreed way to compare progress on {subject} across countries.',
  'A second obstacle is financial, though not in the way it is usually described.',
  'Money is available; what is scarce is a pipeline of projects that lenders and {actor} can trust.',
  'None of this means that work on {subject} is doomed, only that expectations need resetting.',
  'It is worth recalling how quickly the conversation has changed since {pastYear}.',
  'At the same time, the strain of {pressure} has narrowed the room for ambitious programs.',
  'The countries that have made the most progress share a willingness to publish uncomfortable data.',
  'Pilot programs in {region} have shown promise, but few have been scaled beyond their first phase.',
  'The absence of a shared baseline makes it easy for every actor to claim success.',
  'Coordination failures are common: {actor} and {actor2} often pursue overlapping goals with incompatible rules.',
  'Public support remains broad but shallow, and it can erode quickly when costs become visible.',
  'Outside partners can help, but only if they align with priorities set in {region} rather than in distant capitals.',
  'There is also a timing problem: the benefits of {subject} arrive slowly, while the costs arrive at once.',
  'In several cases, legal uncertainty rather than opposition has slowed implementation.',
  'The lesson from the last decade is that institutions, not individual projects, determine outcomes.',
  'This is not an argument for doing less, but for doing things in a different order.',
  'Seen from {region}, the global debate on {topic} can look oddly detached from local realities.',
  'The most useful reforms have often been the least glamorous: procurement rules, reporting standards and staff training.',
  'Any serious strategy must also account for {pressure}, a pressure that shows no sign of easing.',
  'Critically, the people most affected by {subject} are rarely consulted before decisions are made.',
  'Incentives inside government tend to reward announcements over delivery.',
  'Regional cooperation could lower costs, yet it remains the exception rather than the rule.',
  'Data gaps are not neutral; they tend to hide the places where policy is failing.',
  'The private sector is willing to invest, but it wants predictable rules more than subsidies.',
  'Over time, small administrative improvements have compounded into meaningful change.',
  'Much depends on whether {actor} treat {subject} as a one-off project or a permanent responsibility.',
];

export const EVIDENCE = [
  'Between {pastYear} and {year}, public spending on {subject} in {region} rose by roughly {percent} percent.{fn}',
  'According to one survey, {share} of the planned projects on {subject} were completed on schedule.{fn}',
  'An analysis of {count} national plans found that fewer than half set measurable targets for {subject}.{fn}',
  'Officials interviewed for this {kind} described staffing shortfalls of up to {percent} percent in the relevant agencies.{fn}',
  'Official figures suggest that {share} of the population in {region} is directly affected by decisions on {subject}.{fn}',
  'Costs have fallen by about {percent} percent since {pastYear}, yet adoption has barely moved.{fn}',
  'In {pastYear}, {actor} committed to doubling investment in {subject}; by {year} they had reached about {percent} percent of that goal.{fn}',
  'Comparable reforms elsewhere took between {count} and {count2} years to show measurable results.{fn}',
  'Polling in {region} shows support for action on {subject} at around {percent} percent, but it falls sharply once costs are mentioned.{fn}',
  'One estimate puts the annual financing gap for {subject} in {region} at several times current flows.{fn}',
  'Court challenges delayed {share} of the major projects in the sample reviewed here.{fn}',
  'Data compiled for this {kind} show that {count} of the largest programs account for most of the spending.{fn}',
];

export const COUNTERPOINTS = [
  'Skeptics counter that the focus on {subject} is a distraction from more pressing priorities, and they are not entirely wrong.',
  'Some argue that {actor} should simply wait for technology and markets to settle the question.',
  'Critics also point out that earlier rounds of reform on {subject} produced more paperwork than progress.',
  'A reasonable objection is that {region} cannot afford to move faster than its neighbors.',
  'Others worry that tying {subject} to {topic} will politicize an area that has worked best out of the spotlight.',
  'It is sometimes said that the problem is simply a lack of political will; the evidence suggests something more structural.',
  'Defenders of the status quo argue that existing arrangements have been underfunded rather than badly designed.',
  'There is a case for caution, since badly designed rules on {subject} can be harder to fix than no rules at all.',
];

export const QUOTES = [
  'We have plenty of strategies. What we lack is the capacity to carry out even one of them well.',
  'Every new target is announced in a capital; every missed target is explained in a district office.',
  'The hardest part was never the technology. It was agreeing who would be responsible when things went wrong.',
  'If the data were published, the debate would be over in a month.',
  'We are asked to plan for twenty years with budgets that last twelve months.',
  'People do not object to change. They object to being the last to hear about it.',
  'The money arrived before the institutions did, and that is why so much of it was wasted.',
  'Our neighbors are watching closely; if this fails here, it will not be tried there.',
  'Nobody voted for the status quo. It is simply what is left when every reform is postponed.',
  'The rules were written for a slower world.',
];

export const QUOTE_SOURCES = [
  'a senior official in {region}, speaking on background',
  'a regional planning director interviewed for this {kind}',
  'a former minister, at a roundtable convened by the author',
  'a civil society organizer in {region}',
  'a veteran negotiator, in conversation with the author',
  'an executive at a regional investment fund',
];

export const IMPLICATION_LEADS = [
  'Several implications follow for {actor} and their partners:',
  'For policymakers, the analysis points to a short list of priorities:',
  'Three sets of choices stand out:',
  'The following steps would improve the odds of success:',
  'Governments and their partners in {region} should consider the following:',
  'What should {actor} do differently? The analysis suggests:',
];

export const IMPLICATIONS = [
  '**Publish the baseline.** {Actor} should release comparable data on {subject} every year, including where targets were missed.',
  '**Sequence reforms.** Start with the administrative foundations before committing to headline targets.',
  '**Fund delivery, not only design.** Budgets should cover the staff who implement {subject}, not just consultants who plan it.',
  '**Share risk with investors.** Public guarantees can unlock private finance where the returns from {subject} are real but slow.',
  '**Build regional platforms.** {Region} would benefit from pooled procurement and shared technical expertise.',
  '**Protect those who bear the costs.** Compensation should be designed in from the start, not added after protests.',
  '**Set review dates.** Every major commitment on {subject} should carry a public review within {count} years.',
  '**Consult early.** Communities affected by {subject} should be heard before projects are approved, not after.',
  '**Align outside support.** Donors and {actor2} should fund national plans rather than parallel projects.',
  '**Invest in independent oversight.** Audit bodies and parliaments need the mandate and staff to follow the money.',
  '**Use existing institutions.** New agencies are rarely needed; clearer mandates for existing ones often are.',
  '**Plan for {pressure}.** Strategies on {subject} should be stress-tested against a less favorable environment.',
  '**Measure outcomes, not inputs.** Spending totals say little about whether work on {subject} is improving lives.',
  '**Keep channels open.** Even when relations are strained, technical cooperation on {subject} should continue.',
  '**Reward delivery.** Tie a share of funding to verified results rather than to announcements.',
  '**Close the data gap.** Statistical offices in {region} need support to collect timely information on {topic}.',
  '**Clarify legal authority.** Ambiguous mandates invite litigation; {actor} should settle who decides what.',
  '**Think regionally, act locally.** Regional frameworks work only when city and district governments can carry them out.',
];

export const CONCLUSIONS = [
  'None of these steps is dramatic, which is precisely the point: progress on {subject} has come from steady institutional work rather than grand plans.',
  'The window for shaping {subject} in {region} remains open, but it will not stay open indefinitely.',
  'If {actor} can match their rhetoric with patient implementation, {region} could become a model rather than a cautionary tale.',
  'The next test will come sooner than many expect, and preparation now will determine how it is met.',
  'In the end, progress on {subject} is a question of trust: between governments and citizens, and between {region} and its partners.',
  'The debate will continue, but the evidence already points clearly in one direction.',
  'What is needed now is less a new strategy than the discipline to carry out the ones already agreed.',
];

export const FOOTNOTES = [
  'Author\u2019s calculations based on data from {dataset}, {year}.',
  'See {scholar}, *{bookTitle}* ({press}, {pastYear}).',
  'Interviews conducted by the author in {city}, {pastYear}\u2013{year}.',
  '{dataset}, annual edition, {year}. Figures are rounded.',
  'See {scholar}, \u201c{articleTitle},\u201d *{journal}* {volume}, no. {issue} ({pastYear}).',
  'The figure excludes projects for which no completion data were available.',
  'Survey of {count} officials conducted for this research; responses were anonymized.',
  'For a contrasting view, see {scholar}, *{bookTitle}* ({press}, {year}).',
  'Estimates vary widely depending on the definitions used; the range here reflects the median of published estimates.',
  'Based on budget documents published by national finance ministries, {pastYear}\u2013{year}.',
];

export const SCHOLARS = [
  'R. Oyelaran',
  'M. Castellane',
  'T. Vireo',
  'S. Halloran',
  'J. Okonjo-Baird',
  'L. Perrault',
  'K. Sundqvist',
  'A. Raman',
  'D. Esterhuizen',
  'N. Quiroga',
  'H. Takeda',
  'P. Marchetti',
];
export const PRESSES = [
  'Eastmarch University Press',
  'Halden University Press',
  'Brennmoor Academic',
  'Vauclair Editions',
  'Carrow Policy Books',
];
export const JOURNALS = [
  'Journal of Comparative Governance',
  'Global Policy Letters',
  'Review of Development Practice',
  'Strategic Affairs Quarterly',
  'Journal of Applied Political Economy',
];
export const DATASETS = [
  'the Open Budget Monitor',
  'the Regional Infrastructure Ledger',
  'the Global Policy Tracker',
  'the Tembesi Statistical Office',
  'the Comparative Institutions Database',
  'the Public Investment Observatory',
];
export const CITIES = [
  'Nairobi',
  'Jakarta',
  'Lima',
  'Warsaw',
  'Amman',
  'Dakar',
  'Manila',
  'Bogot\u00e1',
  'Almaty',
  'Accra',
  'Hanoi',
  'Lisbon',
];
export const BOOK_TITLES = [
  'Governing the Transition',
  'The Delivery Gap',
  'Rules for a Crowded World',
  'Institutions Under Strain',
  'After the Consensus',
  'The Patient State',
];
export const ARTICLE_TITLES = [
  'Why Reforms Stick',
  'Measuring What Matters in Public Investment',
  'The Politics of Implementation',
  'Coalitions and Commitments',
  'Regional Bargains Revisited',
];

/** Row labels for the occasional data table. */
export const TABLE_INDICATORS = [
  'Public investment (% of GDP)',
  'Projects approved',
  'Projects completed',
  'Share of budget executed (%)',
  'Staff in lead agency',
  'Private finance mobilized (US$ bn)',
  'Countries with published targets',
  'Average approval time (months)',
  'Households reached (millions)',
  'Complaints resolved (%)',
];
