export * from './inventory';
export * from './capacity';
export * from './workload';
