import { Knex } from 'knex';
import { StoredAlert } from './planNotifications';

const TABLE = 'pod_ip_capacity_alerts';

/** The alerts' state in the plugin's database (SQLite or PostgreSQL). */
export class AlertsDatabase {
  constructor(private readonly db: Knex) {}

  /** Every alert of a cluster, resolved ones included. */
  async list(cluster: string): Promise<StoredAlert[]> {
    const rows = await this.db(TABLE).where({ cluster }).orderBy('id');
    return rows.map(row => {
      const state = JSON.parse(row.state);
      return {
        id: row.id,
        cluster: row.cluster,
        rule: row.rule,
        subject: row.subject,
        status: row.status,
        severity: row.severity,
        since: Number(row.since),
        ...(row.last_sent_at !== null && row.last_sent_at !== undefined
          ? { lastSentAt: Number(row.last_sent_at) }
          : {}),
        title: state.title,
        description: state.description,
        link: state.link,
        recipients: state.recipients,
        scopes: state.scopes,
      } satisfies StoredAlert;
    });
  }

  async upsert(alerts: StoredAlert[], now: number): Promise<void> {
    if (alerts.length === 0) return;
    await this.db.transaction(async tx => {
      for (const alert of alerts) {
        await tx(TABLE)
          .insert({
            id: alert.id,
            cluster: alert.cluster,
            rule: alert.rule,
            subject: alert.subject,
            status: alert.status,
            severity: alert.severity,
            since: alert.since,
            last_sent_at: alert.lastSentAt ?? null,
            updated_at: now,
            state: JSON.stringify({
              title: alert.title,
              description: alert.description,
              link: alert.link,
              recipients: alert.recipients,
              scopes: alert.scopes,
            }),
          })
          .onConflict('id')
          .merge();
      }
    });
  }
}
