// The fixed parts of the search bench's corpus (bench/search/corpus.mts): function words,
// people's names, and the facets' vocabularies. All real English, so none of it collides
// with the invented words the text is made of (bench/search/words.mts keeps them apart).

/** English function words with rough relative frequencies (per 1,000 of running text). */
export const FUNCTION_WORDS: [string, number][] = `
  the:60 of:30 and:28 to:25 a:22 in:20 is:10 that:10 for:9 it:8 as:7 with:7 on:6 by:5 this:5
  be:5 are:5 from:4.5 at:4 or:4 an:3.5 which:3 has:3 have:3 not:3 their:3 its:3 more:2.5
  will:2.5 can:2 these:2 than:2 also:2 but:2 was:2 been:1.5 would:1.5 other:1.5 such:1.5
  into:1.5 they:1.5 between:1.2 most:1.2 over:1.2 were:1 while:1 both:1 where:1 when:1
  because:1 if:1 we:1 our:1 may:1 should:1 could:1 all:1 some:1 many:1 only:1 about:1
  after:0.8 through:0.8 those:0.8 there:0.8 who:0.8 how:0.8 what:0.8 before:0.6 under:0.6
  them:0.5 each:0.5 every:0.3 without:0.3 against:0.3 within:0.3`
  .split(/\s+/)
  .filter(Boolean)
  .map((pair) => {
    const [word = '', weight = '0'] = pair.split(':');
    return [word, Number(weight)];
  });

export const FIRST_NAMES = `Aisha Alejandro Amara Ana Andrei Anika Antoine Arjun Astrid Ayodele Beatriz
  Benjamin Camille Carlos Chen Chiara Daniel Dario Dmitri Elena Elif Emeka Emma Farah Fatima
  Felix Gabriel Grace Hana Hassan Helena Hiroshi Ibrahim Ines Ingrid Isabel Jamal James Javier
  Jin Joao Jonas Julia Kamala Karim Kenji Kofi Lars Layla Leila Lucas Lucia Mai Malik Marco
  Maria Mariam Mateo Mei Miguel Mohammed Nadia Naledi Nikolai Nina Noah Olga Omar Oscar Pablo
  Priya Rafael Rania Ravi Rosa Samir Sara Sebastian Sofia Sun Tariq Thomas Tomas Valentina
  Victor Wei Yasmin Yuki Zainab Zhao Adriana Bilal Clara Diego Esther Hugo Irene Kwame Laura
  Marta Nour Paulo Rashid Selin Tendai Vera Yusuf`;

export const LAST_NAMES = `Abebe Adeyemi Ahmed Alvarez Andersen Bakker Banerjee Bauer Becker Bianchi
  Castillo Chaudhry Costa Cruz Dahl Diallo Dubois Eriksson Farouk Fernandes Fischer Fontaine
  Garcia Gonzalez Gupta Haddad Hansen Hartmann Hoffmann Hossain Ibrahim Ivanova Jansen Jensen
  Kamau Kang Kaplan Khan Kim Kowalski Kumar Larsen Laurent Lee Lindqvist Lopez Mahmoud Marino
  Martin Mendes Mensah Meyer Molina Moreau Morales Mukherjee Muller Nakamura Nguyen Nielsen
  Novak Nwosu Obi Okafor Okonkwo Olsen Ortiz Osei Park Patel Pereira Petrov Popescu Qureshi
  Rahman Ramirez Reddy Reyes Richter Rossi Ruiz Saito Salazar Santos Schmidt Schneider Sharma
  Silva Singh Sokolov Suzuki Takahashi Tanaka Torres Tran Vargas Varga Volkov Wagner Wang
  Weber Wojcik Yamamoto Yilmaz Zhang Zimmermann Adler Barros Brennan Carvalho Dimitrov Eze
  Ferreira Gallagher Horvat Iyer Jovanovic Koch Lindgren Mbeki Nasser Oyelaran Pham Quinn
  Rocha Sato Tembo Umar Valdez Walsh Xu Yadav Zubiri`;

export const TYPES: [slug: string, name: string, plural: string, weight: number][] = [
  ['commentary', 'Commentary', 'Commentaries', 30],
  ['report', 'Report', 'Reports', 20],
  ['article', 'Article', 'Articles', 15],
  ['policy-brief', 'Policy Brief', 'Policy Briefs', 12],
  ['working-paper', 'Working Paper', 'Working Papers', 10],
  ['event-summary', 'Event Summary', 'Event Summaries', 8],
  ['testimony', 'Testimony', 'Testimonies', 3],
  ['book', 'Book', 'Books', 2],
];

export const CENTERS: [slug: string, name: string, shortName: string, weight: number][] = [
  ['meridian-global', 'Meridian Center for Global Policy', 'Meridian Global', 40],
  ['meridian-europe', 'Meridian Europe', 'Meridian Europe', 18],
  ['meridian-asia', 'Meridian Asia', 'Meridian Asia', 16],
  ['meridian-africa', 'Meridian Africa', 'Meridian Africa', 13],
  ['meridian-americas', 'Meridian Americas', 'Meridian Americas', 13],
];

export const PROGRAMS = `Energy and Climate; Trade and Economics; Security and Defense; Technology and
  Governance; Democracy and Rule of Law; Global Health; Migration and Mobility; Development;
  Cities and Infrastructure; Food and Water; Finance and Markets; Geopolitics`;

export const TOPICS = `Energy Security; Climate Change; Trade Policy; Artificial Intelligence;
  Cybersecurity; Nuclear Proliferation; Public Health; Migration; Food Security; Water;
  Urbanization; Elections; Corruption; Human Rights; Development Finance; Monetary Policy;
  Supply Chains; Critical Minerals; Maritime Security; Terrorism; Education; Labor Markets;
  Taxation; Digital Governance; Space`;

export const COLLECTIONS = `Annual Outlook; Election Watch; Pandemic Response; Energy Crisis Tracker;
  War in Ukraine; Climate Summit; Trade Wars; Year in Review; Transatlantic Dialogue; Africa
  Rising; China Watch; Global Order; Future of Work; Data and Democracy; Sanctions Monitor;
  Ocean Futures; Urban Lab; Young Voices; Reform Tracker; Ideas Series`;

export const PROJECT_PARTS = {
  first: 'Future Global Regional Digital Green Open Resilient Fair Smart Secure'.split(' '),
  second:
    'Grids Cities Borders Markets Supply Oceans Farms Ports Networks Data Skills Health'.split(' '),
  third: 'Project Initiative Lab Dialogue'.split(' '),
};
export const PROJECT_COUNT = 60;

/** world region → sub-region → countries: 5 + 12 + 29 = 46 regions. */
export const REGIONS = `
africa | Africa
  east-africa | East Africa
    kenya | Kenya
    ethiopia | Ethiopia
  west-africa | West Africa
    nigeria | Nigeria
    ghana | Ghana
    senegal | Senegal
  north-africa | North Africa
    egypt | Egypt
    morocco | Morocco
americas | Americas
  north-america | North America
    united-states | United States
    canada | Canada
    mexico | Mexico
  south-america | South America
    brazil | Brazil
    argentina | Argentina
    colombia | Colombia
asia-pacific | Asia-Pacific
  east-asia | East Asia
    china | China
    japan | Japan
    south-korea | South Korea
  south-asia | South Asia
    india | India
    pakistan | Pakistan
  southeast-asia | Southeast Asia
    indonesia | Indonesia
    vietnam | Vietnam
europe | Europe
  western-europe | Western Europe
    france | France
    germany | Germany
    united-kingdom | United Kingdom
  eastern-europe | Eastern Europe
    poland | Poland
    ukraine | Ukraine
middle-east | Middle East
  gulf | Gulf
    saudi-arabia | Saudi Arabia
    qatar | Qatar
  levant | Levant
    jordan | Jordan
    lebanon | Lebanon
`;

export const LANGUAGES: [string, number][] = [
  ['en', 85],
  ['fr', 10],
  ['es', 5],
];
/** Words that join others in titles and headings. */
export const JOINERS = ['of', 'and', 'in', 'for', 'the', 'on'];
export const FIRST_YEAR = 2011;
export const LAST_YEAR = 2025;
