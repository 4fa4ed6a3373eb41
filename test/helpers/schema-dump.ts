import { sql } from 'kysely';
import type { Database } from '../../src/storage/database.ts';

/**
 * A stable, diff-friendly text description of a database's schema: every table (Kysely's
 * internal migration tables left out) with its columns in order (type, nullability,
 * default, auto-increment), its indexes and its foreign keys.
 */
export async function dumpSchema(database: Database): Promise<string> {
  const tables = await database.db.introspection.getTables();
  const details =
    database.dialect === 'sqlite' ? sqliteDetails(database) : postgresDetails(database);
  const lines: string[] = [];
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) {
    const { primaryKey, defaults, indexes, foreignKeys } = await details(table.name);
    lines.push(`${table.isView ? 'view' : 'table'} ${table.name}`);
    for (const column of table.columns) {
      const parts = [`  column ${column.name} ${column.dataType}`];
      parts.push(column.isNullable ? 'null' : 'not null');
      const fallback = defaults.get(column.name);
      if (fallback !== undefined) parts.push(`default ${fallback}`);
      else if (column.hasDefaultValue) parts.push('default (unknown)');
      if (primaryKey.has(column.name)) parts.push('primary key');
      if (column.isAutoIncrementing) parts.push('auto-increment');
      lines.push(parts.join(' '));
    }
    for (const index of indexes.sort()) lines.push(`  index ${index}`);
    for (const key of foreignKeys.sort()) lines.push(`  foreign key ${key}`);
    lines.push('');
  }
  return lines.join('\n');
}

interface TableDetails {
  primaryKey: Set<string>;
  defaults: Map<string, string>;
  indexes: string[];
  foreignKeys: string[];
}

// Raw catalogue queries: Kysely's introspection has no indexes, foreign keys or defaults.
function sqliteDetails({ db }: Database) {
  return async (table: string): Promise<TableDetails> => {
    const columns = await sql<{ name: string; dflt_value: string | null; pk: number }>`
      select name, dflt_value, pk from pragma_table_info(${table})`.execute(db);
    const indexes = await sql<{ name: string; sql: string | null }>`
      select name, sql from sqlite_master where type = 'index' and tbl_name = ${table}`.execute(db);
    const described: string[] = [];
    for (const index of indexes.rows) {
      if (index.sql !== null) {
        described.push(`${index.name}: ${normalizeSpace(index.sql)}`);
        continue;
      }
      // Indexes SQLite made itself for UNIQUE / PRIMARY KEY constraints have no SQL text.
      const info = await sql<{ name: string }>`
        select name from pragma_index_info(${index.name}) order by seqno`.execute(db);
      const list = await sql<{ unique: number; origin: string }>`
        select "unique", origin from pragma_index_list(${table})
        where name = ${index.name}`.execute(db);
      const meta = list.rows[0];
      const kind = meta?.origin === 'pk' ? 'primary key' : meta?.unique ? 'unique' : 'index';
      described.push(
        `${index.name}: (automatic) ${kind} (${info.rows.map((r) => r.name).join(', ')})`,
      );
    }
    const keys = await sql<{
      id: number;
      table: string;
      from: string;
      to: string;
      on_update: string;
      on_delete: string;
    }>`select id, "table", "from", "to", on_update, on_delete
       from pragma_foreign_key_list(${table}) order by id, seq`.execute(db);
    const byId = new Map<number, (typeof keys.rows)[number][]>();
    for (const row of keys.rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
    const foreignKeys = [...byId.values()].map((parts) => {
      const first = parts[0];
      const from = parts.map((p) => p.from).join(', ');
      const to = parts.map((p) => p.to).join(', ');
      return `(${from}) references ${first?.table}(${to}) on update ${first?.on_update.toLowerCase()} on delete ${first?.on_delete.toLowerCase()}`;
    });
    return {
      primaryKey: new Set(columns.rows.filter((c) => c.pk > 0).map((c) => c.name)),
      defaults: new Map(
        columns.rows.flatMap((c) => (c.dflt_value === null ? [] : [[c.name, c.dflt_value]])),
      ),
      indexes: described,
      foreignKeys,
    };
  };
}

function postgresDetails({ db }: Database) {
  return async (table: string): Promise<TableDetails> => {
    const columns = await sql<{ column_name: string; column_default: string | null }>`
      select column_name, column_default from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}`.execute(db);
    const indexes = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes
      where schemaname = current_schema() and tablename = ${table}`.execute(db);
    const keys = await sql<{ conname: string; definition: string }>`
      select conname, pg_get_constraintdef(oid) as definition from pg_constraint
      where contype = 'f' and conrelid = to_regclass(quote_ident(${table}))`.execute(db);
    const primaryKey = await sql<{ attname: string }>`
      select a.attname from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indisprimary and i.indrelid = to_regclass(quote_ident(${table}))`.execute(db);
    return {
      primaryKey: new Set(primaryKey.rows.map((r) => r.attname)),
      defaults: new Map(
        columns.rows.flatMap((c) =>
          c.column_default === null ? [] : [[c.column_name, c.column_default]],
        ),
      ),
      // The schema prefix depends on search_path, not on the migrations.
      indexes: indexes.rows.map(
        (i) => `${i.indexname}: ${i.indexdef.replace(' ON public.', ' ON ')}`,
      ),
      foreignKeys: keys.rows.map((k) => `${k.conname}: ${k.definition}`),
    };
  };
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
