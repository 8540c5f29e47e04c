import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiParamOptions, ApiTags } from '@nestjs/swagger';
import {
  AccessTokenClaims,
  GetPayoutRunRequest,
  PAYOUT_RUN_ID_PATTERN,
  PayoutLimits,
  PayoutRunView,
  PayoutsPatterns,
  StartPayoutRunRequest,
} from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CorrelationId } from '@mogul/observability';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { unwrap } from '../problem/errors';
import { actorOf } from './actor';
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
  constructor(private readonly services: ServiceClient) {}

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
  async start(
    @Body() body: StartPayoutRunDto,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<PayoutRunView> {
    const request: StartPayoutRunRequest = { actor: actorOf(user), runId: body.runId };
    return unwrap(await this.services.send<PayoutRunView, StartPayoutRunRequest>(PayoutsPatterns.startRun, request, correlationId));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A payout run', description: 'Operators only. Its totals, and its payouts a page at a time.' })
  @ApiParam(RUN_ID_PARAM)
  @ApiOkResponse({ type: PayoutRunResponse })
  @ApiProblems(400, 401, 403, 404)
  async get(
    @RunIdParam('id') runId: string,
    @Query() query: PayoutRunQuery,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<PayoutRunView> {
    const request: GetPayoutRunRequest = { actor: actorOf(user), runId, ...query };
    return unwrap(await this.services.send<PayoutRunView, GetPayoutRunRequest>(PayoutsPatterns.getRun, request, correlationId));
  }
}
