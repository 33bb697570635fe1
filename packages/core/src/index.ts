// Pure domain logic: no I/O. Each area re-exports its public surface here.
export {};
export * from './tracing/index.js';
export * from './names/index.js';
export * from './statements/index.js';
export * from './training/index.js';
