import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../errors.ts';
import { loadConfig } from './load.ts';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data, as absolute paths', () => {
    const config = loadConfig({});
    expect(config.database.url).toBeUndefined();
    expect(isAbsolute(config.data.dir)).toBe(true);
    expect(config.database.sqlitePath).toBe(`${config.data.dir}/dossier.sqlite`);
    expect(config.server.port).toBe(3000);
  });

  it('reads the port, the data folder and a PostgreSQL URL from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      DOSSIER_DATA_DIR: '/srv/dossier',
      DATABASE_URL: 'postgres://u@h/db',
    });
    expect(config.server.port).toBe(8080);
    expect(config.database.sqlitePath).toBe('/srv/dossier/dossier.sqlite');
    expect(config.database.url).toBe('postgres://u@h/db');
  });

  it('names every bad setting at once', () => {
    try {
      loadConfig({
        DOSSIER_SERVER_PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        DOSSIER_SERVER_LOG_LEVEL: 'loud',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DossierError);
      const message = (error as DossierError).message;
      for (const name of [
        'DOSSIER_SERVER_PORT',
        'DOSSIER_DATABASE_URL',
        'DOSSIER_SERVER_LOG_LEVEL',
      ])
        expect(message).toContain(name);
      expect((error as DossierError).code).toBe('CONFIG_INVALID');
    }
  });

  it('reads the Crossref depositor settings, which are all optional', () => {
    expect(loadConfig({}).crossref).toEqual({});
    const config = loadConfig({
      DOSSIER_CROSSREF_DEPOSITOR_NAME: 'Research Office',
      DOSSIER_CROSSREF_DEPOSITOR_EMAIL: 'doi@example.org',
      DOSSIER_CROSSREF_DOI_PREFIX: '10.5555',
    });
    expect(config.crossref).toEqual({
      depositorName: 'Research Office',
      depositorEmail: 'doi@example.org',
      doiPrefix: '10.5555',
    });
    try {
      loadConfig({
        DOSSIER_CROSSREF_DOI_PREFIX: '10.5555/x',
        DOSSIER_CROSSREF_DEPOSITOR_EMAIL: 'no',
      });
      expect.unreachable();
    } catch (error) {
      expect((error as DossierError).message).toContain('DOSSIER_CROSSREF_DOI_PREFIX');
      expect((error as DossierError).message).toContain('DOSSIER_CROSSREF_DEPOSITOR_EMAIL');
    }
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}).server)).toBe(true);
  });
});
