import type { IncomingMessage } from 'node:http';
import type { Center, Network } from '../domain/center.ts';
import type { CenterRepository } from '../storage/repositories/center-repository.ts';

/** The site a request is for: a center, and the path its URLs start with. */
export interface SiteContext {
  center: Center;
  network: Network;
  /** '' when the center is chosen by host name or is the headquarters; else '/<prefix>'. */
  basePath: string;
  /** Every center, for cross-center links (the primary center's name, etc.). */
  centers: ReadonlyMap<number, Center>;
}

const FALLBACK_NETWORK: Network = {
  slug: 'network',
  name: 'Dossier',
  shortName: 'Dossier',
  lettermarkPath: null,
  url: null,
};

/**
 * Centers and their menus, held in memory: every page needs them, they change rarely,
 * and Fastify's URL rewrite (which strips a center's path prefix) must decide
 * synchronously. `refreshIfChanged` reloads when the database says they changed, so
 * several app processes converge within one refresh interval.
 */
export class SiteDirectory {
  private centers: Center[] = [];
  private byId = new Map<number, Center>();
  private network: Network = FALLBACK_NETWORK;
  private version = '';
  private readonly contexts = new WeakMap<IncomingMessage, SiteContext>();
  private readonly repository: CenterRepository;

  constructor(repository: CenterRepository) {
    this.repository = repository;
  }

  async refreshIfChanged(): Promise<void> {
    const version = await this.repository.findVersion();
    if (version === this.version) return;
    const [centers, network] = await Promise.all([
      this.repository.listAll(),
      this.repository.findNetwork(),
    ]);
    this.centers = centers;
    this.byId = new Map(centers.map((c) => [c.id, c]));
    this.network = network ?? FALLBACK_NETWORK;
    this.version = version;
  }

  /**
   * Reloads whatever the version says: after this process saved a center itself. The
   * version (latest change time and count) misses a second save within the same
   * millisecond or under a stopped clock.
   */
  async reload(): Promise<void> {
    this.version = '';
    await this.refreshIfChanged();
  }

  /** The network the centers belong to (a stand-in until one is imported). */
  get currentNetwork(): Network {
    return this.network;
  }

  get headquarters(): Center | undefined {
    return this.centers.find((c) => c.isHeadquarters) ?? this.centers[0];
  }

  /**
   * Chooses the site for a raw request and returns the URL the routes should see:
   * `/europe/research/x` on the Europe center's prefix becomes `/research/x`.
   */
  resolve(request: IncomingMessage): string {
    const url = request.url ?? '/';
    const host = (request.headers.host ?? '').toLowerCase();
    const byHost =
      host === '' ? undefined : this.centers.find((c) => c.host !== null && c.host === host);
    if (byHost) return this.remember(request, byHost, '', url);

    const firstSegment = /^\/([a-z0-9-]+)(?=[/?]|$)/.exec(url)?.[1];
    const byPrefix = firstSegment
      ? this.centers.find((c) => c.pathPrefix === firstSegment)
      : undefined;
    if (byPrefix && firstSegment) {
      const rest = url.slice(firstSegment.length + 1);
      return this.remember(
        request,
        byPrefix,
        `/${firstSegment}`,
        rest.startsWith('/') ? rest : `/${rest}`,
      );
    }
    const headquarters = this.headquarters;
    return headquarters ? this.remember(request, headquarters, '', url) : url;
  }

  /** The site chosen for this request, or undefined before any center exists. */
  contextOf(request: IncomingMessage): SiteContext | undefined {
    return this.contexts.get(request);
  }

  private remember(
    request: IncomingMessage,
    center: Center,
    basePath: string,
    url: string,
  ): string {
    this.contexts.set(request, { center, network: this.network, basePath, centers: this.byId });
    return url;
  }
}
