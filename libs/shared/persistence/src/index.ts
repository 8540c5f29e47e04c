export * from './data-source';
export * from './money.transformer';
export * from './prepared-query';
export * from './cursor';
export * from './grouped-statements';
