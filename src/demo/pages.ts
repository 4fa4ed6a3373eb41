/*
 * The static pages every center site links from its menus: About, Events, Contact,
 * Careers, Privacy and For Media. Short Markdown, written per center so each site
 * reads as its own.
 */
import { type CenterSpec, englishNewsletterSlug, NETWORK, proseName } from './network.ts';
import type { PageInput } from './record-types.ts';

function addressLines(center: CenterSpec): string {
  const { street, locality, postalCode, country } = center.address;
  return `${street}  \n${postalCode} ${locality}  \n${country}`;
}

function about(center: CenterSpec): PageInput {
  const role = center.headquarters
    ? `It is the headquarters of the ${NETWORK.name}, which links research centers on several continents.`
    : `It is one of the regional centers of the ${NETWORK.name}.`;
  return {
    kind: 'page',
    center: center.slug,
    slug: 'about',
    title: `About ${center.shortName}`,
    summary: center.tagline,
    body: `${center.description}\n\n${role}\n\n## Independence\n\nOur scholars choose their own research questions and reach their own conclusions. Funders may support a program, but they do not review or approve what we publish.\n\n## How we work\n\n- We publish our research openly and free of charge.\n- We disclose our funders each year.\n- We correct errors promptly and note every correction.\n`,
  };
}

function events(center: CenterSpec): PageInput {
  return {
    kind: 'page',
    center: center.slug,
    slug: 'events',
    title: 'Events',
    summary: `Public events from ${center.shortName}.`,
    body: `Our events calendar is coming soon. ${center.shortName} regularly hosts briefings, book launches and expert roundtables in ${center.address.locality} and online.\n\nTo hear about upcoming events first, sign up for the ${center.shortName} newsletter.\n`,
  };
}

function contact(center: CenterSpec): PageInput {
  return {
    kind: 'page',
    center: center.slug,
    slug: 'contact',
    title: 'Contact',
    summary: `How to reach ${center.shortName}.`,
    body: `## Address\n\n${addressLines(center)}\n\n## Phone and email\n\n- Phone: ${center.phone}\n- Email: [${center.email}](mailto:${center.email})\n\nOur office in ${center.address.locality} is open on working days.\n`,
  };
}

function careers(center: CenterSpec): PageInput {
  return {
    kind: 'page',
    center: center.slug,
    slug: 'careers',
    title: 'Careers',
    summary: `Work with ${center.shortName}.`,
    body: `${center.shortName} recruits researchers, editors and operations staff who want their work to inform public debate.\n\nThere are no open positions at the moment. We also offer paid research internships twice a year; details are posted here when applications open.\n\nWe welcome applications from people of every background and do not ask for unpaid work as part of any hiring process.\n`,
  };
}

function privacy(center: CenterSpec): PageInput {
  return {
    kind: 'page',
    center: center.slug,
    slug: 'privacy',
    title: 'Privacy',
    summary: 'What we collect and why.',
    body: `This site does not use advertising trackers.\n\n## Newsletters\n\nIf you subscribe to a newsletter, we keep your email address, the list you joined (for example \`${englishNewsletterSlug(center)}\`) and a record of your consent. You can unsubscribe at any time with the link in every email, and we then delete your address.\n\n## Server logs\n\nOur servers keep standard request logs for a short time to keep the site secure and running.\n\n## Questions\n\nWrite to [${center.email}](mailto:${center.email}).\n`,
  };
}

function media(center: CenterSpec): PageInput {
  return {
    kind: 'page',
    center: center.slug,
    slug: 'media',
    title: 'For Media',
    summary: `Press enquiries and expert requests for ${center.shortName}.`,
    body: `Journalists can reach our communications team at [${center.email}](mailto:${center.email}) or ${center.phone}.\n\nOur scholars are available for interviews and background briefings. The Experts page, linked at the top of every page, lists who works on which subject.\n\nPlease credit ${proseName(center)} when quoting our research.\n`,
  };
}

export function pageRecords(center: CenterSpec): PageInput[] {
  return [
    about(center),
    events(center),
    contact(center),
    careers(center),
    privacy(center),
    media(center),
  ];
}
