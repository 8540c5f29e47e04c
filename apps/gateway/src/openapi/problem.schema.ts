import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { FieldProblem, ProblemDetails, ProblemTypes } from '@mogul/http';

@ApiSchema({ name: 'FieldProblem' })
export class FieldProblemSchema implements FieldProblem {
  @ApiProperty({ description: 'Path of the bad field; nested fields read `lines[0].quantity`.', example: 'email' })
  field!: string;

  @ApiProperty({ example: 'email must be an email address' })
  message!: string;
}

/** RFC 9457 problem details, served as `application/problem+json`. */
@ApiSchema({ name: 'ProblemDetails', description: 'RFC 9457 problem details.' })
export class ProblemDetailsSchema implements ProblemDetails {
  @ApiProperty({ enum: Object.values(ProblemTypes).map((t) => t.type), example: ProblemTypes.validation.type })
  type!: string;

  @ApiProperty({ example: ProblemTypes.validation.title })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The field "email" is not valid.' })
  detail!: string;

  @ApiProperty({ description: 'The path of the request that failed.', example: '/api/v1/auth/register' })
  instance!: string;

  @ApiPropertyOptional({ description: 'Also in the `x-correlation-id` response header; quote it when reporting a failure.' })
  correlationId?: string;

  @ApiPropertyOptional({ type: FieldProblemSchema, isArray: true, description: 'Each bad field, for validation problems.' })
  errors?: FieldProblemSchema[];
}
