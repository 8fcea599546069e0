export * from './inventory';
// The engine's output is the REST contract: its types are generated from the
// backend's openapi.yaml, the one description of it.
export * from '../schema/openapi/generated/models';
