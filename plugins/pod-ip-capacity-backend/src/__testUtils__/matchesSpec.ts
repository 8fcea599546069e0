import Ajv from 'ajv';
import { spec } from '../schema/openapi/generated';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(JSON.parse(JSON.stringify(spec)), 'spec');

/**
 * Asserts that a response body is what openapi.yaml says it is: the engine
 * and the service build these bodies, and every integration test checks
 * them against the contract.
 */
export function expectMatchesSpec(body: unknown, schemaName: string) {
  const validate = ajv.getSchema(`spec#/components/schemas/${schemaName}`);
  if (!validate) {
    throw new Error(`No schema ${schemaName} in the OpenAPI spec`);
  }
  if (!validate(body)) {
    throw new Error(
      `Response does not match ${schemaName}: ${(validate.errors ?? [])
        .map(
          e =>
            `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
        )
        .join('\n')}`,
    );
  }
}
