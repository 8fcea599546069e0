import { SimCidrReservation } from '../../../scenario/types';
import { el } from '../../xml';

export function renderCidrReservation(r: SimCidrReservation): string {
  return (
    el('subnetCidrReservationId', r.id) +
    el('subnetId', r.subnetId) +
    el('cidr', r.cidr) +
    el('reservationType', r.type) +
    el('ownerId', r.ownerId) +
    el('description', r.description)
  );
}
