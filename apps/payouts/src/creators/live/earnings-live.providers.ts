import { Logger, Provider } from '@nestjs/common';
import { CreatorEarningsService } from '../creator-earnings.service';
import { EarningsFanOut } from './earnings-fan-out';
import { EarningsListener } from './earnings-listener';
import { EarningsStreams } from './earnings-streams';

/** A burst of changes to one creator's ledger costs at most one read of their earnings per this. */
export const EARNINGS_READ_INTERVAL_MS = 100;

/** Live earnings: the LISTEN connection, the fan-out by creator, and the streams it feeds. */
export const earningsLiveProviders: Provider[] = [
  {
    provide: EarningsFanOut,
    inject: [CreatorEarningsService],
    useFactory: (earnings: CreatorEarningsService) => {
      const logger = new Logger(EarningsFanOut.name);
      return new EarningsFanOut({
        read: (creatorId) => earnings.earningsOf(creatorId),
        minIntervalMs: EARNINGS_READ_INTERVAL_MS,
        onReadError: (creatorId, error) =>
          logger.warn(`could not read the earnings of ${creatorId}: ${error instanceof Error ? error.message : String(error)}`),
      });
    },
  },
  EarningsListener,
  EarningsStreams,
];
