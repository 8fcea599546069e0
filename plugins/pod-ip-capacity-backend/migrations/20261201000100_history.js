// One row per refresh for each cluster, subnet, node group and counted
// entity: compact numbers only, downsampled as they age.

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pod_ip_capacity_history', table => {
    table.bigIncrements('id').primary();
    table.string('cluster', 255).notNullable();
    // cluster | subnet | nodeGroup | entity
    table.string('kind', 16).notNullable();
    // '' for the cluster; the subnet id, node group name or entity ref
    table.string('key', 512).notNullable();
    // epoch milliseconds of the collection (or of the start of the hour or
    // day a downsampled row stands for)
    table.bigInteger('at').notNullable();
    // raw | hour | day
    table.string('resolution', 8).notNullable();
    // true for rows a demo or import backfilled, not collected live
    table.boolean('simulated').notNullable().defaultTo(false);
    table.integer('free_prefix_blocks').nullable();
    table.integer('available_ips').nullable();
    table.integer('usable_ips').nullable();
    table.integer('held_ips').nullable();
    table.integer('used_ips').nullable();
    table.integer('idle_ips').nullable();
    table.integer('pods_with_vpc_ip').nullable();
    table.integer('headroom_pods').nullable();
    table.index(
      ['cluster', 'kind', 'key', 'at'],
      'pod_ip_capacity_history_series',
    );
    table.index(['resolution', 'at'], 'pod_ip_capacity_history_age');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pod_ip_capacity_history');
};
