import { el, raw } from '../xml';

/**
 * The `emptyResult` bad response: what each action answers when there is nothing to see
 * (a wrong account or region looks exactly like this): empty lists, no nextToken.
 */
const EMPTY_RESULTS: Record<string, string> = {
  DescribeInstances: '<reservationSet/>',
  DescribeNetworkInterfaces: '<networkInterfaceSet/>',
  DescribeSubnets: '<subnetSet/>',
  DescribeVpcs: '<vpcSet/>',
  DescribeInstanceTypes: '<instanceTypeSet/>',
  GetSubnetCidrReservations:
    '<subnetIpv4CidrReservationSet/><subnetIpv6CidrReservationSet/>',
  GetManagedResourceVisibility: raw(
    'visibility',
    el('defaultVisibility', 'visible'),
  ),
};

/** The inner XML of `<ActionResponse>` with no items; '' for an action without lists. */
export function emptyResultOf(action: string): string {
  return EMPTY_RESULTS[action] ?? '';
}
