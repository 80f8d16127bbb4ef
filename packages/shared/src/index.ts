export * from './errors.js';
export * from './reactions.js';
export * from './limits.js';
export * from './text.js';
export * from './schemas.js';
export * from './events.js';
export * from './chat.js';
export * from './questions.js';
