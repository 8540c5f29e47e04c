import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { RegisterRequest } from '@mogul/contracts';
import { Required } from '../../problem/required.decorator';
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './credentials';

// class-validator checks the decorator nearest the property first; with `stopAtFirstError` that
// makes `Required()` and the type check the ones a client sees for a missing or mistyped field.
export class RegisterDto implements RegisterRequest {
  @ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH, example: 'ada@example.com' })
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail({}, { message: 'email must be an email address' })
  @Required()
  email!: string;

  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters; any characters, no composition rules.`,
  })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
  })
  @IsString()
  @Required()
  password!: string;

  @ApiProperty({ minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH, example: 'Ada' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, DISPLAY_NAME_MAX_LENGTH, { message: `displayName must be 1 to ${DISPLAY_NAME_MAX_LENGTH} characters long` })
  @IsString()
  @Required()
  displayName!: string;
}
