import { PAYOUTS_PAYOUT_TOPIC, PAYOUTS_ROYALTY_TOPIC } from '@mogul/contracts';

/** The topics payouts publishes to. */
export const PAYOUTS_TOPICS = [PAYOUTS_ROYALTY_TOPIC, PAYOUTS_PAYOUT_TOPIC];
