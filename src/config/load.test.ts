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

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}).server)).toBe(true);
  });
});
