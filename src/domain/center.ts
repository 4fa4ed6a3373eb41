export interface NavigationItem {
  label: string;
  url: string;
}

export interface NewsletterListRef {
  id: number;
  slug: string;
  name: string;
  language: string;
  description: string;
}

export interface Network {
  slug: string;
  name: string;
  shortName: string;
  lettermarkPath: string | null;
  url: string | null;
}

/** A center and the site it runs: branding, contact details, menus, newsletters. */
export interface Center {
  id: number;
  slug: string;
  name: string;
  shortName: string;
  isHeadquarters: boolean;
  tagline: string;
  description: string;
  logoPath: string | null;
  accentColor: string;
  locale: string;
  timeZone: string;
  host: string | null;
  pathPrefix: string | null;
  streetAddress: string;
  locality: string;
  postalCode: string;
  country: string;
  phone: string;
  email: string;
  disclaimer: string;
  headerMenu: NavigationItem[];
  footerMenu: NavigationItem[];
  newsletters: NewsletterListRef[];
  /** The list the sign-up form on this center's pages offers. */
  defaultNewsletter: NewsletterListRef | null;
  /** Whether this site's feeds carry each piece's full text, not only its summary. */
  feedFullText: boolean;
}
