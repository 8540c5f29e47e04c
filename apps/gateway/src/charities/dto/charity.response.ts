import { ApiProperty } from '@nestjs/swagger';
import { CharityListView, CharityStatementView, CharityView, GivingView } from '@mogul/contracts';
import { CurrencyStatementResponse } from '../../payouts/dto/payouts.response';

export class CharityResponse implements CharityView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Food for All' })
  name!: string;

  @ApiProperty({ description: 'Only an active charity can be chosen.' })
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CharityListResponse implements CharityListView {
  @ApiProperty({ type: [CharityResponse], description: 'By name.' })
  charities!: CharityResponse[];
}

export class ChosenCharityResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Food for All' })
  name!: string;

  @ApiProperty()
  active!: boolean;
}

export class GivingResponse implements GivingView {
  @ApiProperty({ type: ChosenCharityResponse, nullable: true, description: 'null while giving is off.' })
  charity!: ChosenCharityResponse | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, example: 25 })
  percent!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Applies to royalties of orders paid from then on; null when never set.',
  })
  effectiveFrom!: string | null;
}

export class CharityStatementResponse implements CharityStatementView {
  @ApiProperty({ format: 'uuid' })
  charityId!: string;

  @ApiProperty({ example: 'Food for All' })
  charityName!: string;

  @ApiProperty({ example: '2026-05' })
  month!: string;

  @ApiProperty({ type: [CurrencyStatementResponse] })
  currencies!: CurrencyStatementResponse[];
}
