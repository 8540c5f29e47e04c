export * from './data-source';
export * from './money.transformer';
