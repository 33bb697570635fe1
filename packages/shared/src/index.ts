export * from './api.js';
export * from './constants.js';
export * from './errors.js';
export * from './regions.js';
export * from './messaging.js';
export * from './requests.js';
export * from './cases.js';
export * from './ftm.js';
