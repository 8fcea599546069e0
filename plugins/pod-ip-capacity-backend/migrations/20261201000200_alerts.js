// The state of each alert (rule, cluster, subnet): whether it is active,
// whom it was sent to and under which notification scope, so a repeat
// updates the same notification and a clear sends a "resolved" update.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pod_ip_capacity_alerts', table => {
    // `<rule>:<cluster>:<subject>`: stable across refreshes and replicas
    table.string('id', 768).primary();
    table.string('cluster', 255).notNullable();
    table.string('rule', 64).notNullable();
    // the subnet id, or '' for a rule about the whole cluster
    table.string('subject', 255).notNullable();
    // pending (seen, not yet long enough) | active | resolved
    table.string('status', 16).notNullable();
    table.string('severity', 16).notNullable();
    // epoch milliseconds: when the condition was first seen
    table.bigInteger('since').notNullable();
    // epoch milliseconds of the last notification sent, null when none
    table.bigInteger('last_sent_at').nullable();
    table.bigInteger('updated_at').notNullable();
    // JSON: title, recipients and the scope each recipient was sent
    table.text('state').notNullable();
    table.index(['cluster'], 'pod_ip_capacity_alerts_cluster');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pod_ip_capacity_alerts');
};
