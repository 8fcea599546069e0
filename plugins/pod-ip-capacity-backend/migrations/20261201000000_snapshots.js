// The store of record of Pod IP Capacity's snapshots (one database per
// plugin: backstage_plugin_pod-ip-capacity on PostgreSQL).

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Small named records: the Kubernetes plugin's cluster list, backfills done.
  await knex.schema.createTable('pod_ip_capacity_state', table => {
    table.string('key', 255).primary();
    table.text('value').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
  // The latest snapshot of each cluster: its small record (for lists) and,
  // apart from it, its data (every node, ENI and pod), gzipped JSON.
  await knex.schema.createTable('pod_ip_capacity_snapshots', table => {
    table.string('cluster', 255).primary();
    table.text('record').notNullable();
    // The collectedAt of the data kept, which names its version.
    table.string('data_version', 64).nullable();
    table.binary('data').nullable();
    table.integer('data_bytes').nullable();
    // When the last refresh started: the cooldown is measured from it.
    table.bigInteger('started_at').nullable();
    table.bigInteger('updated_at').notNullable();
  });
  // One refresh of a cluster at a time across the backend's replicas; a
  // lease expires so that a replica that dies mid-refresh blocks nobody.
  await knex.schema.createTable('pod_ip_capacity_refresh_leases', table => {
    table.string('cluster', 255).primary();
    table.string('holder', 255).notNullable();
    table.bigInteger('expires_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pod_ip_capacity_refresh_leases');
  await knex.schema.dropTable('pod_ip_capacity_snapshots');
  await knex.schema.dropTable('pod_ip_capacity_state');
};
