export * from './events';
export * from './messages';
export * from './statement-csv';
export * from './prizes';
export * from './giving';
