import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GivingView } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { PayoutsClient } from '../services/payouts.client';
import { GivingDto } from './dto/charity.dto';
import { GivingResponse } from './dto/charity.response';

/** A creator's giving: a share of their royalties to one charity. Always the caller's own. */
@ApiTags('creators')
@ApiBearerAuth(BEARER_SCHEME)
@Roles('creator')
@Controller('creators/me/giving')
export class CreatorGivingController {
  constructor(private readonly payouts: PayoutsClient) {}

  @Get()
  @ApiOperation({ summary: 'My giving', description: 'The charity you give to and the percent; charity null and 0 % while off.' })
  @ApiOkResponse({ type: GivingResponse })
  @ApiProblems(401, 403)
  current(@Caller() caller: GatewayCaller): Promise<GivingView> {
    return this.payouts.giving(caller);
  }

  @Put()
  @ApiOperation({
    summary: 'Choose what I give',
    description:
      'An active charity and a whole percent (0–100) of each royalty you earn from now on: royalties of orders paid before ' +
      'keep the setting they were accrued with. The charity gets the percent of each royalty rounded down, you the rest; ' +
      'your statement shows it as a `donation` line beside the accrual, and a refund gives it back. 0 % or no charity ' +
      'turns giving off. An unknown or inactive charity is a 422 naming `charityId`.',
  })
  @ApiOkResponse({ type: GivingResponse })
  @ApiProblems(400, 401, 403, 422)
  set(@Body() body: GivingDto, @Caller() caller: GatewayCaller): Promise<GivingView> {
    return this.payouts.setGiving(caller, body);
  }
}
