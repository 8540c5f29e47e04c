import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiParamOptions, ApiTags } from '@nestjs/swagger';
import { PAYOUT_RUN_ID_PATTERN, PayoutLimits, PayoutRunView } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { PayoutsClient } from '../services/payouts.client';
import { PayoutRunQuery, StartPayoutRunDto } from './dto/payout-queries.dto';
import { PayoutRunResponse } from './dto/payouts.response';
import { RunIdParam } from './params';

const RUN_ID_PARAM: ApiParamOptions = {
  name: 'id',
  example: '2026-05-weekly',
  schema: { type: 'string', pattern: PAYOUT_RUN_ID_PATTERN.source, maxLength: PayoutLimits.runIdMaxLength },
};

/** Payout runs: operators pay every creator whose available balance reached the threshold. */
@ApiTags('payouts')
@ApiBearerAuth(BEARER_SCHEME)
@Roles('operator')
@Controller('payouts/runs')
export class PayoutRunsController {
  constructor(private readonly payouts: PayoutsClient) {}

  /**
   * Always 201, also when the run id was used before: like checkout under an Idempotency-Key, the
   * same request answers the same run, so a client that retried cannot tell, and need not.
   */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Start a payout run',
    description:
      'Operators only. Pays every creator whose available balance is at or above the payout threshold, through the payout provider. ' +
      'The run id is yours: sending the same id again answers that run (201 again) and pays nobody a second time. ' +
      'A large run answers while it is still `running`; read it again to see it `completed`.',
  })
  @ApiCreatedResponse({ type: PayoutRunResponse, description: 'The run, new or the one this id started before.' })
  @ApiProblems(400, 401, 403)
  start(@Body() body: StartPayoutRunDto, @Caller() caller: GatewayCaller): Promise<PayoutRunView> {
    return this.payouts.startRun(caller, { runId: body.runId });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A payout run', description: 'Operators only. Its totals, and its payouts a page at a time.' })
  @ApiParam(RUN_ID_PARAM)
  @ApiOkResponse({ type: PayoutRunResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@RunIdParam('id') runId: string, @Query() query: PayoutRunQuery, @Caller() caller: GatewayCaller): Promise<PayoutRunView> {
    return this.payouts.getRun(caller, { runId, ...query });
  }
}
