export * from './annotations';
export * from './entitySelection';
