/** Every endpoint of the public API lives under this prefix; probes and docs live at the root. */
export const API_PREFIX = 'api/v1';
