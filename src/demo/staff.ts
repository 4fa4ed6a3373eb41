/*
 * The demo roster: who works where, in which program and at what rank, plus the
 * outside co-authors. Invented names, drawn from many naming traditions so that sort
 * order, diacritics and family-name-first names are all exercised.
 */

export type Rank =
  | 'president'
  | 'center-director'
  | 'director'
  | 'senior'
  | 'fellow'
  | 'nonresident'
  | 'analyst';

export interface StaffSpec {
  given: string;
  family: string;
  /** Names written family name first (e.g. "Sun Jiayi"). */
  familyFirst?: boolean;
  program: string;
  /** Center key as in network.ts (`hq`, `europe`, …). */
  center: string;
  rank: Rank;
}

type Row = [
  given: string,
  family: string,
  program: string,
  center: string,
  rank: Rank,
  familyFirst?: boolean,
];

/** The first row is the flagship piece's author: a Director and Senior Fellow at HQ. */
const ROWS: readonly Row[] = [
  ['Ingrid', 'Mabaso', 'energy-climate', 'hq', 'director'],
  ['Rohan', 'Mehra', 'trade-economics', 'hq', 'director'],
  ['Helena', 'Varga', 'security-defense', 'europe', 'director'],
  ['Kwame', 'Asante-Lind', 'democracy-governance', 'africa', 'director'],
  ['Mei-Lin', 'Choi', 'technology-affairs', 'asia-pacific', 'director'],
  ['Beatriz', 'Quintana', 'migration-mobility', 'latin-america', 'director'],
  ['Samuel', 'Adeyemi', 'global-health', 'hq', 'director'],
  ['Yusra', 'Haddad', 'nuclear-policy', 'middle-east', 'director'],
  ['Anders', 'Fjeldstad', 'development-finance', 'europe', 'director'],
  ['Priya', 'Raghunathan', 'food-water', 'asia-pacific', 'director'],
  ['Tevita', 'Fonua', 'maritime-affairs', 'asia-pacific', 'director'],
  ['Camille', 'Achterberg', 'cities-infrastructure', 'europe', 'director'],
  ['Marguerite', 'Oduya', 'democracy-governance', 'hq', 'president'],
  ['Elif', 'Karaman', 'trade-economics', 'europe', 'center-director'],
  ['Hyun-woo', 'Baek', 'security-defense', 'asia-pacific', 'center-director'],
  ['Layla', 'Barakat', 'food-water', 'middle-east', 'center-director'],
  ['Wanjiru', 'Kamau', 'development-finance', 'africa', 'center-director'],
  ['Ignacio', 'Ferreyra', 'democracy-governance', 'latin-america', 'center-director'],
  ['Aiko', 'Tanabe', 'technology-affairs', 'asia-pacific', 'senior'],
  ['Lucas', 'Moreau', 'energy-climate', 'europe', 'senior'],
  ['Nadia', 'Rahimi', 'migration-mobility', 'middle-east', 'fellow'],
  ['Oluwaseun', 'Bakare', 'development-finance', 'africa', 'senior'],
  ['Sofia', 'Lindqvist', 'security-defense', 'europe', 'fellow'],
  ['Mateo', 'Carvalho', 'trade-economics', 'latin-america', 'senior'],
  ['Farah', 'Siddiqui', 'global-health', 'asia-pacific', 'fellow'],
  ['Dmitri', 'Arkhipov', 'nuclear-policy', 'europe', 'nonresident'],
  ['Grace', 'Nakamura-Hill', 'maritime-affairs', 'hq', 'senior'],
  ['Henrik', 'Aalto', 'energy-climate', 'europe', 'nonresident'],
  ['Amara', 'Diallo', 'food-water', 'africa', 'fellow'],
  ['Leila', 'Navabi', 'nuclear-policy', 'hq', 'senior'],
  ['Tom\u00e1s', 'Echeverr\u00eda', 'cities-infrastructure', 'latin-america', 'fellow'],
  ['Ji-ho', 'Seo', 'trade-economics', 'asia-pacific', 'analyst'],
  ['Rachel', 'Abernathy', 'technology-affairs', 'hq', 'senior'],
  ['Kofi', 'Mensah-Larbi', 'energy-climate', 'africa', 'fellow'],
  ['Ana Lu\u00edsa', 'Prado', 'migration-mobility', 'latin-america', 'senior'],
  ['Vikram', 'Sethi', 'development-finance', 'hq', 'nonresident'],
  ['Zeynep', 'Ayd\u0131n', 'security-defense', 'middle-east', 'senior'],
  ['Paulo', 'Nhantumbo', 'energy-climate', 'africa', 'analyst'],
  ['Chiara', 'Benedetti', 'democracy-governance', 'europe', 'fellow'],
  ['Omar', 'Khalidi', 'energy-climate', 'middle-east', 'senior'],
  ['Hannah', 'Brightwater', 'global-health', 'hq', 'analyst'],
  ['Yerlan', 'Abdrakhmanov', 'trade-economics', 'hq', 'nonresident'],
  ['Noor', 'Al-Sayegh', 'technology-affairs', 'middle-east', 'fellow'],
  ['Elena', 'Petrescu', 'democracy-governance', 'europe', 'analyst'],
  ['Thabo', 'Ndlovu', 'cities-infrastructure', 'africa', 'senior'],
  ['Isabel', 'Restrepo', 'food-water', 'latin-america', 'nonresident'],
  ['Kenji', 'Morimoto', 'nuclear-policy', 'asia-pacific', 'fellow'],
  ['Fatima Zahra', 'Bennani', 'migration-mobility', 'europe', 'nonresident'],
  ['Liam', 'O\u2019Sullivan-Reyes', 'security-defense', 'hq', 'fellow'],
  ['Ngozi', 'Eze', 'global-health', 'africa', 'senior'],
  ['Maximilian', 'Roth', 'trade-economics', 'europe', 'fellow'],
  ['Aroha', 'Ngata', 'maritime-affairs', 'asia-pacific', 'fellow'],
  ['Svetlana', 'Mari\u0107', 'energy-climate', 'europe', 'analyst'],
  ['Diego', 'Valc\u00e1rcel', 'security-defense', 'latin-america', 'fellow'],
  ['Chau', 'Hoang Minh', 'food-water', 'asia-pacific', 'analyst', true],
  ['Pauline', 'Mercier', 'cities-infrastructure', 'europe', 'senior'],
  ['Abebe', 'Tesfaye', 'development-finance', 'africa', 'fellow'],
  ['Jiayi', 'Sun', 'technology-affairs', 'asia-pacific', 'fellow', true],
  ['Marta', 'Wi\u015bniewska', 'migration-mobility', 'europe', 'analyst'],
  ['Gabriel', 'Odhiambo', 'maritime-affairs', 'africa', 'nonresident'],
  ['Rania', 'Mansour', 'democracy-governance', 'middle-east', 'nonresident'],
  ['Eamon', 'Fitzgerald', 'cities-infrastructure', 'hq', 'analyst'],
  ['Luc\u00eda', 'Benavente', 'global-health', 'latin-america', 'fellow'],
  ['Arjun', 'Kapoor-Mills', 'maritime-affairs', 'hq', 'analyst'],
  ['Ines', 'Haugland', 'nuclear-policy', 'europe', 'analyst'],
  ['Kaveh', 'Tehrani', 'food-water', 'middle-east', 'analyst'],
];

export const STAFF: readonly StaffSpec[] = ROWS.map(
  ([given, family, program, center, rank, familyFirst]) => ({
    given,
    family,
    program,
    center,
    rank,
    ...(familyFirst ? { familyFirst } : {}),
  }),
);

export interface ExternalSpec {
  given: string;
  family: string;
  role: string;
  affiliation: string;
  program: string;
}

/** Outside co-authors: never experts, always shown with their own affiliation. */
export const EXTERNALS: readonly ExternalSpec[] = [
  {
    given: 'Marcus',
    family: 'Ellery',
    role: 'Senior Editor',
    affiliation: 'Kestrel Policy Forum',
    program: 'security-defense',
  },
  {
    given: 'Hiroko',
    family: 'Saeki',
    role: 'Professor of Political Economy',
    affiliation: 'Eastmarch University',
    program: 'trade-economics',
  },
  {
    given: 'Benedikt',
    family: 'Sauer',
    role: 'Chief Economist',
    affiliation: 'Juniper Ridge Institute for Economics',
    program: 'development-finance',
  },
  {
    given: 'Adaeze',
    family: 'Nwosu',
    role: 'Research Director',
    affiliation: 'Baobab Policy Collective',
    program: 'democracy-governance',
  },
  {
    given: 'Carmen',
    family: 'Iturbe',
    role: 'Associate Professor of Public Health',
    affiliation: 'Universidad del Valle Alto',
    program: 'global-health',
  },
  {
    given: 'Pieter',
    family: 'van Houten',
    role: 'Contributing Editor',
    affiliation: 'Saltmarsh Review of International Affairs',
    program: 'maritime-affairs',
  },
  {
    given: 'Selin',
    family: 'Demirta\u015f',
    role: 'Visiting Researcher',
    affiliation: 'Cassia Institute',
    program: 'migration-mobility',
  },
  {
    given: 'Nils',
    family: 'Brekke',
    role: 'Energy Correspondent',
    affiliation: 'Northlight Quarterly',
    program: 'energy-climate',
  },
  {
    given: 'Amina',
    family: 'Yusuf',
    role: 'Program Officer',
    affiliation: 'Quillon Foundation',
    program: 'food-water',
  },
  {
    given: 'Theo',
    family: 'Castellanos',
    role: 'Lecturer in International Law',
    affiliation: 'Halden University',
    program: 'nuclear-policy',
  },
];
