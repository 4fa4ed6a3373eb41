/*
 * A few pieces in French and Spanish, so language facets, `lang` attributes, hreflang
 * and the non-English newsletters have real content. The banks are small on purpose:
 * these pieces are a handful per corpus. Titles use sentence case, as both languages do.
 */
import type { Random } from './random.ts';

interface Tagged {
  text: string;
  slug: string;
}

interface LanguageBank {
  subjects: readonly Tagged[];
  regions: readonly Tagged[];
  titles: readonly string[];
  summaries: readonly string[];
  intros: readonly string[];
  argument: readonly string[];
  bullets: readonly string[];
  headings: { main: string; implications: string; lead: string };
  footnote: string;
}

const FRENCH: LanguageBank = {
  subjects: [
    { text: 'la transition \u00e9nerg\u00e9tique', slug: 'energy-transition' },
    { text: 'la s\u00e9curit\u00e9 alimentaire', slug: 'food-security' },
    { text: 'les cha\u00eenes d\u2019approvisionnement', slug: 'supply-chains' },
    { text: 'la gouvernance num\u00e9rique', slug: 'digital-infrastructure' },
    { text: 'l\u2019adaptation au changement climatique', slug: 'climate-adaptation' },
    { text: 'la dette publique', slug: 'public-debt' },
    { text: 'la s\u00e9curit\u00e9 maritime', slug: 'maritime-security' },
  ],
  regions: [
    { text: 'l\u2019Afrique de l\u2019Ouest', slug: 'west-africa' },
    { text: 'le Sahel', slug: 'sahel' },
    { text: 'l\u2019Europe centrale', slug: 'central-eastern-europe' },
    { text: 'la Belgique', slug: 'belgium' },
    { text: 'la France', slug: 'france' },
    { text: 'le Maroc', slug: 'morocco' },
    { text: 'le S\u00e9n\u00e9gal', slug: 'senegal' },
  ],
  titles: [
    '{region} face \u00e0 {subject}',
    'Repenser {subject} : quelles le\u00e7ons pour {region} ?',
    'Ce que {subject} change pour {region}',
    '{subject} : un agenda pour {region}',
    'Pourquoi {region} doit prendre au s\u00e9rieux {subject}',
  ],
  summaries: [
    'Pour {region}, {subject} est devenue une question politique autant que technique. Cette analyse examine les choix qui s\u2019offrent aux d\u00e9cideurs et propose des priorit\u00e9s concr\u00e8tes.',
    'Les promesses se multiplient, mais les r\u00e9sultats restent in\u00e9gaux. Cette note explique pourquoi et ce qui pourrait changer la donne pour {region}.',
    'En s\u2019appuyant sur des entretiens et des donn\u00e9es r\u00e9centes, cette analyse montre que les institutions comptent davantage que les annonces.',
  ],
  intros: [
    'Peu de sujets ont gagn\u00e9 autant d\u2019importance en si peu de temps. Pour {region}, les d\u00e9cisions prises dans les prochaines ann\u00e9es seront difficiles \u00e0 corriger.',
    'Le d\u00e9bat public oscille entre l\u2019alarme et l\u2019indiff\u00e9rence. La r\u00e9alit\u00e9 observ\u00e9e sur le terrain est plus nuanc\u00e9e.',
  ],
  argument: [
    'Le premier obstacle tient au calendrier : tout a \u00e9t\u00e9 lanc\u00e9 en m\u00eame temps, et beaucoup de projets sont rest\u00e9s inachev\u00e9s.',
    'L\u2019argent existe ; ce qui manque, ce sont des projets pr\u00eats \u00e0 \u00eatre financ\u00e9s et suivis dans la dur\u00e9e.',
    'Les r\u00e9formes qui ont tenu sont celles qui reposaient sur une coalition large, construite avant l\u2019annonce des objectifs.',
    'Les donn\u00e9es disponibles restent lacunaires, ce qui permet \u00e0 chacun de revendiquer un succ\u00e8s.',
    'Les partenaires ext\u00e9rieurs peuvent aider, \u00e0 condition de suivre les priorit\u00e9s fix\u00e9es localement.',
    'Entre {pastYear} et {year}, les d\u00e9penses publiques consacr\u00e9es \u00e0 ce domaine ont nettement augment\u00e9, sans effet proportionnel sur les r\u00e9sultats.[^1]',
  ],
  bullets: [
    '**Publier les donn\u00e9es de r\u00e9f\u00e9rence** chaque ann\u00e9e, y compris lorsque les objectifs ne sont pas atteints.',
    '**S\u00e9quencer les r\u00e9formes**, en commen\u00e7ant par les fondations administratives.',
    '**Financer la mise en \u0153uvre**, et pas seulement la conception des strat\u00e9gies.',
    '**Consulter t\u00f4t** les populations concern\u00e9es, avant l\u2019approbation des projets.',
    '**Renforcer le contr\u00f4le ind\u00e9pendant** par les parlements et les cours des comptes.',
  ],
  headings: {
    main: 'Argument principal',
    implications: 'Implications politiques',
    lead: 'Plusieurs pistes se d\u00e9gagent :',
  },
  footnote:
    'Calculs de l\u2019auteur \u00e0 partir de documents budg\u00e9taires publics, {pastYear}\u2013{year}.',
};

const SPANISH: LanguageBank = {
  subjects: [
    { text: 'la migraci\u00f3n laboral', slug: 'migration' },
    { text: 'la transici\u00f3n energ\u00e9tica', slug: 'energy-transition' },
    { text: 'la deuda p\u00fablica', slug: 'public-debt' },
    { text: 'la miner\u00eda de litio', slug: 'critical-minerals' },
    { text: 'la seguridad alimentaria', slug: 'food-security' },
    { text: 'la integraci\u00f3n comercial', slug: 'trade-policy' },
    { text: 'la vivienda asequible', slug: 'urbanization' },
  ],
  regions: [
    { text: 'Am\u00e9rica Latina', slug: 'latin-america' },
    { text: 'Centroam\u00e9rica', slug: 'central-america' },
    { text: 'M\u00e9xico', slug: 'mexico' },
    { text: 'Colombia', slug: 'colombia' },
    { text: 'Chile', slug: 'chile' },
    { text: 'Brasil', slug: 'brazil' },
    { text: 'el Caribe', slug: 'caribbean' },
  ],
  titles: [
    '{region} ante {subject}',
    'Repensar {subject}: lecciones para {region}',
    'Lo que {subject} significa para {region}',
    '{subject}: una agenda para {region}',
    'Por qu\u00e9 {region} debe tomarse en serio {subject}',
  ],
  summaries: [
    'Para {region}, {subject} se ha convertido en una cuesti\u00f3n pol\u00edtica tanto como t\u00e9cnica. Este an\u00e1lisis examina las opciones disponibles y propone prioridades concretas.',
    'Los compromisos se multiplican, pero los resultados siguen siendo desiguales. Este texto explica por qu\u00e9 y qu\u00e9 podr\u00eda cambiar en {region}.',
    'A partir de entrevistas y datos recientes, este an\u00e1lisis muestra que las instituciones importan m\u00e1s que los anuncios.',
  ],
  intros: [
    'Pocos temas han ganado tanta relevancia en tan poco tiempo. Para {region}, las decisiones de los pr\u00f3ximos a\u00f1os ser\u00e1n dif\u00edciles de revertir.',
    'El debate p\u00fablico oscila entre la alarma y la indiferencia. Lo que se observa sobre el terreno es m\u00e1s matizado.',
  ],
  argument: [
    'El primer obst\u00e1culo es de secuencia: se lanz\u00f3 todo a la vez y muchos proyectos quedaron a medio camino.',
    'El dinero existe; lo que escasea son proyectos listos para financiarse y supervisarse a lo largo del tiempo.',
    'Las reformas que perduraron fueron las que construyeron coaliciones amplias antes de anunciar metas.',
    'Los datos disponibles son incompletos, lo que permite que cada actor declare su propio \u00e9xito.',
    'Los socios externos pueden ayudar, siempre que respeten las prioridades definidas en la regi\u00f3n.',
    'Entre {pastYear} y {year}, el gasto p\u00fablico en este \u00e1mbito creci\u00f3 de forma notable, sin una mejora proporcional en los resultados.[^1]',
  ],
  bullets: [
    '**Publicar datos de referencia** cada a\u00f1o, incluso cuando no se cumplan las metas.',
    '**Ordenar las reformas**, empezando por las bases administrativas.',
    '**Financiar la ejecuci\u00f3n**, y no solo el dise\u00f1o de las estrategias.',
    '**Consultar a tiempo** a las comunidades afectadas, antes de aprobar los proyectos.',
    '**Fortalecer la supervisi\u00f3n independiente** de los congresos y las entidades de auditor\u00eda.',
  ],
  headings: {
    main: 'Argumento principal',
    implications: 'Implicaciones de pol\u00edtica',
    lead: 'Se desprenden varias recomendaciones:',
  },
  footnote:
    'C\u00e1lculos del autor a partir de documentos presupuestarios p\u00fablicos, {pastYear}\u2013{year}.',
};

export const FOREIGN_LANGUAGES = { fr: FRENCH, es: SPANISH } as const;
export type ForeignLanguage = keyof typeof FOREIGN_LANGUAGES;

export interface ForeignText {
  title: string;
  summary: string;
  body: string;
  topic: string;
  region: string;
}

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function composeForeign(
  random: Random,
  language: ForeignLanguage,
  year: number,
): ForeignText {
  const bank = FOREIGN_LANGUAGES[language];
  const subject = random.pick(bank.subjects);
  const region = random.pick(bank.regions);
  const pastYear = String(Math.max(2005, year - random.int(3, 8)));
  const fill = (t: string): string =>
    t
      .replace(/\{subject\}/g, subject.text)
      .replace(/\{region\}/g, region.text)
      .replace(/\{pastYear\}/g, pastYear)
      .replace(/\{year\}/g, String(year));
  // The last argument sentence carries the footnote marker, so it always closes the argument.
  const plain = bank.argument.slice(0, -1);
  const footnoted = bank.argument[bank.argument.length - 1] ?? '';
  const [a = '', b = '', c = ''] = random.sample(plain, 3).map(fill);
  const paragraphs = [`${a} ${b}`, `${c} ${fill(footnoted)}`];
  const body = [
    fill(random.pick(bank.intros)),
    `## ${bank.headings.main}`,
    ...paragraphs,
    `## ${bank.headings.implications}`,
    [bank.headings.lead, '', ...random.sample(bank.bullets, 3).map((b) => `- ${b}`)].join('\n'),
    `[^1]: ${fill(bank.footnote)}`,
  ];
  return {
    title: upperFirst(fill(random.pick(bank.titles))),
    summary: upperFirst(fill(random.pick(bank.summaries))),
    body: `${body.join('\n\n')}\n`,
    topic: subject.slug,
    region: region.slug,
  };
}
