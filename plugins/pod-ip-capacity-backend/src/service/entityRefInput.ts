import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** An `entityRef` query parameter, or a 400 that says what form it takes. */
export function entityRefInput(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef);
  } catch (error) {
    throw new InputError(
      `Malformed entityRef: ${
        (error as Error).message
      }. Expected kind:namespace/name, e.g. component:default/checkout-api.`,
    );
  }
}
