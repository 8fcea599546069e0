import Ajv from 'ajv';
import { openApiSpec } from '../schema/openApiSpec';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(openApiSpec as object, 'spec');

/**
 * Asserts that a response body is what the OpenAPI spec says it is. The
 * engine's hand-written types and the spec are two descriptions of one
 * contract: every integration test checks them against each other.
 */
export function expectMatchesSpec(body: unknown, schemaName: string) {
  const validate = ajv.getSchema(`spec#/components/schemas/${schemaName}`);
  if (!validate) {
    throw new Error(`No schema ${schemaName} in the OpenAPI spec`);
  }
  if (!validate(body)) {
    throw new Error(
      `Response does not match ${schemaName}: ${ajv.errorsText(
        validate.errors,
        { separator: '\n' },
      )}`,
    );
  }
}
