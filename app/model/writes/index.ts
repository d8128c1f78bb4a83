/** Each write defined once: its builder (the device) and its rule over documents (the server), and the dispatcher. */
export * from './assignee-change';
export * from './named-files';
export * from './new-request';
export * from './priority-change';
export * from './rating';
export * from './reply';
export * from './status-change';
export * from './write-rules';
export * from './write-types';
