/**
 * The plugin id: the backend serves its REST API under `/api/pod-ip-capacity`.
 *
 * @public
 */
export const POD_IP_CAPACITY_PLUGIN_ID = 'pod-ip-capacity';
