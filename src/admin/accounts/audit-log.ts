import type { Kysely } from 'kysely';
import type { Tables } from '../../storage/tables.ts';

/** Who did what and when: append-only, written by the admin's services. */
export interface AuditEntry {
  at: string;
  userId: number | null;
  userEmail: string;
  action: string;
  entity: string;
  entityId: string;
  detail: Record<string, unknown>;
  ip: string;
}

export function createAuditLog(db: Kysely<Tables>) {
  return {
    async record(
      entry: Omit<AuditEntry, 'entity' | 'entityId' | 'detail' | 'ip'> & Partial<AuditEntry>,
    ) {
      await db
        .insertInto('audit_log')
        .values({
          at: entry.at,
          user_id: entry.userId,
          user_email: entry.userEmail,
          action: entry.action,
          entity: entry.entity ?? '',
          entity_id: entry.entityId ?? '',
          detail: JSON.stringify(entry.detail ?? {}),
          ip: entry.ip ?? '',
        })
        .execute();
    },

    async latest(limit: number): Promise<AuditEntry[]> {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        at: r.at,
        userId: r.user_id,
        userEmail: r.user_email,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        ip: r.ip,
      }));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
