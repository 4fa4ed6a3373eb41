/** The longest address a menu link may have. */
export const MAX_MENU_URL = 2000;

/**
 * Why a menu link's address is refused, or undefined when it is fine: only web addresses
 * (http, https) and paths of this site (one leading slash; `//host` would leave it).
 * `javascript:`, `data:` and other schemes could run script from every page's menu, so
 * the admin and `dossier import` hold menus to this one rule.
 */
export function menuUrlProblem(url: string): string | undefined {
  const bad =
    'must be a full web address (https://…) or a path on this site starting with a single /';
  if (url.length > MAX_MENU_URL) return `must be at most ${MAX_MENU_URL} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u0020\u007f\\]/.test(url)) return `${bad}, without spaces or backslashes`;
  if (url.startsWith('/')) return url.startsWith('//') ? bad : undefined;
  if (!/^https?:\/\//i.test(url)) return bad;
  try {
    const parsed = new URL(url);
    return parsed.hostname === '' ? bad : undefined;
  } catch {
    return bad;
  }
}
