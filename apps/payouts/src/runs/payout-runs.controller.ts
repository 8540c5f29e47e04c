import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Causation, PayoutRunView } from '@mogul/contracts';
import { Actor, Cause, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { RunPageQuery, RunParams, StartRunBody } from './dto/run.dto';
import { PayoutRunService } from './payout-run.service';

/** Payout runs, operators only. */
@Controller(`${INTERNAL_API_PREFIX}/payouts/runs`)
@RequireRoles('operator')
export class PayoutRunsController {
  constructor(private readonly runs: PayoutRunService) {}

  /** 201 for a new run and for one this id started before alike: the same id answers the same run. */
  @Post()
  start(@Body() body: StartRunBody, @CurrentActor() actor: Actor, @Cause() cause: Causation): Promise<PayoutRunView> {
    return this.runs.startRun(actor, body.runId, cause);
  }

  @Get(':id')
  get(@Param() { id }: RunParams, @Query() query: RunPageQuery, @CurrentActor() actor: Actor): Promise<PayoutRunView> {
    return this.runs.getRun(actor, id, query);
  }
}
