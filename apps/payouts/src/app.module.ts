import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InternalApiModule } from '@mogul/http';
import { HealthModule, LoggingModule, MetricsModule } from '@mogul/observability';
import { CharitiesController } from './charities/charities.controller';
import { CharitiesService } from './charities/charities.service';
import { PayoutsConfig } from './config';
import { CreatorsController } from './creators/creators.controller';
import { CreatorEarningsService } from './creators/creator-earnings.service';
import { LeaderboardService } from './creators/leaderboard.service';
import { earningsLiveProviders } from './creators/live/earnings-live.providers';
import { StatementsService } from './creators/statements.service';
import { payoutsDataSourceOptions } from './database';
import { GivingController } from './giving/giving.controller';
import { GivingService } from './giving/giving.service';
import { Ledger } from './ledger/ledger';
import { payoutsOutbox } from './messaging';
import { ProductNames } from './products/product-names.service';
import { LedgerEventsApplier, LedgerEventsHandler } from './royalties/ledger-events.handler';
import { RoyaltyReleaseJob } from './royalties/release-job';
import { RoyaltyLedgerService } from './royalties/royalty-ledger.service';
import { WeeklyPrizeClosingJob } from './prizes/prize-closing.job';
import { PrizesController } from './prizes/prizes.controller';
import { WeeklyPrizesService } from './prizes/weekly-prizes.service';
import { PayoutProvider } from './runs/payout-provider';
import { PayoutRunService } from './runs/payout-run.service';
import { PayoutRunsController } from './runs/payout-runs.controller';
import { SimulatedPayoutProvider } from './runs/simulated-payout-provider';
import { UserNamesHandler } from './users/user-names.handler';
import { UserNames } from './users/user-names.service';

@Module({})
export class AppModule {
  static forRoot(config: PayoutsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: 'payouts', level: config.LOG_LEVEL }),
        TypeOrmModule.forRoot({ ...payoutsDataSourceOptions(config), retryAttempts: 3 }),
        HealthModule.forRoot({ kafkaBrokers: config.kafkaBrokers(), database: true }),
        MetricsModule.forRoot({ service: 'payouts' }),
        InternalApiModule.forRoot(config.accessTokens()),
      ],
      controllers: [
        GivingController,
        CharitiesController,
        CreatorsController,
        PayoutRunsController,
        LedgerEventsHandler,
        UserNamesHandler,
        PrizesController,
      ],
      providers: [
        { provide: PayoutsConfig, useValue: config },
        { provide: Ledger, useValue: new Ledger() },
        // PAYOUT_PROVIDER has one value so far; a real provider is another class behind the same token.
        { provide: PayoutProvider, useValue: new SimulatedPayoutProvider(config.simulatorFailingCreators()) },
        RoyaltyLedgerService,
        LedgerEventsApplier,
        RoyaltyReleaseJob,
        PayoutRunService,
        CreatorEarningsService,
        StatementsService,
        LeaderboardService,
        CharitiesService,
        GivingService,
        WeeklyPrizesService,
        WeeklyPrizeClosingJob,
        ...earningsLiveProviders,
        ProductNames,
        UserNames,
        payoutsOutbox(config),
      ],
    };
  }
}
