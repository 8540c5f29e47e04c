import { randomUUID } from 'node:crypto';

/** The password of every account an end-to-end spec registers. */
export const PASSWORD = 'correct horse battery staple';

/** The platform's first operator: a new address for each spec file (Jest loads this module once per file). */
export const FIRST_OPERATOR = `operator.${randomUUID().slice(0, 8)}@mogul.test`;

/** How long a spec waits for the in-process platform to start. */
export const STARTUP_TIMEOUT_MS = 60_000;

/** How long an event may take from one service to another's API: relay, broker, consumer. */
export const PROPAGATION_MS = 20_000;
