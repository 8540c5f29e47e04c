/** Every service's commands and queries live under this prefix, next to /health and /metrics. */
export const INTERNAL_API_PREFIX = 'internal/v1';
