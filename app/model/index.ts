/** The shared model: document types, schemas, validation, status mapping, and each write (its builder and its rule). */
export * from './attachment';
export * from './constants';
export * from './delivery.schema';
export * from './document-shape';
export * from './ids';
export * from './message.schema';
export * from './status';
export * from './text-rules';
export * from './ticket-merge';
export * from './ticket-number';
export * from './ticket-search';
export * from './ticket.schema';
export * from './user';
export * from './writes';
