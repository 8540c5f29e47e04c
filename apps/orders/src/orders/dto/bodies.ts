import {
  GetOrderRequest,
  ListOrdersRequest,
  OrderActor,
  OrderLimits,
  OrderLineRequest,
  OrderTransitionRequest,
  PlaceOrderRequest,
  RefundOrderRequest,
  Role,
  ROLES,
} from '@mogul/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ActorBody implements OrderActor {
  @IsUUID()
  userId: string;

  @IsArray()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class OrderLineBody implements OrderLineRequest {
  @IsUUID()
  productId: string;

  @IsInt()
  @Min(OrderLimits.quantityMin)
  @Max(OrderLimits.quantityMax)
  quantity: number;
}

export class PlaceOrderBody implements PlaceOrderRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsString()
  @IsNotEmpty()
  @MaxLength(OrderLimits.idempotencyKeyMaxLength)
  idempotencyKey: string;

  @IsArray()
  @ArrayMinSize(OrderLimits.linesMin)
  @ArrayMaxSize(OrderLimits.linesMax)
  @ValidateNested({ each: true })
  @Type(() => OrderLineBody)
  lines: OrderLineBody[];

  @IsString()
  @IsNotEmpty()
  @MaxLength(OrderLimits.paymentTokenMaxLength)
  paymentToken: string;
}

export class OrderTransitionBody implements OrderTransitionRequest, GetOrderRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsUUID()
  orderId: string;
}

export class RefundOrderBody implements RefundOrderRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsUUID()
  orderId: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  lineIds?: string[];
}

export class ListOrdersBody implements ListOrdersRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(OrderLimits.pageSizeMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(OrderLimits.cursorMaxLength)
  cursor?: string;
}
