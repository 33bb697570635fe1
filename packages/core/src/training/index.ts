export * from './allocation.js';
