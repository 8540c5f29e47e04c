import { FlagLimits } from '@mogul/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FlagProductDto } from './flag.dto';

/** Each bad field with its messages, as the gateway's validation pipe reads the body. */
async function problems(body: object): Promise<Record<string, string[]>> {
  const errors = await validate(plainToInstance(FlagProductDto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

describe('flag bodies', () => {
  it('takes a reason alone, or with a text, except other which needs a text', async () => {
    expect(await problems({ reason: 'spam' })).toEqual({});
    expect(await problems({ reason: 'offensive', text: 'Slurs in the name' })).toEqual({});
    expect(await problems({ reason: 'other', text: 'Uses my photo' })).toEqual({});
    expect(await problems({ reason: 'other' })).toEqual({ text: ['text is required when the reason is other'] });
    expect(await problems({ reason: 'other', text: '  ' })).toEqual({ text: ['text is required when the reason is other'] });
  });

  it('names the reason when it is missing or not one of the list', async () => {
    expect(Object.keys(await problems({}))).toEqual(['reason']);
    expect(await problems({ reason: 'ugly' })).toEqual({ reason: ['reason must be one of: offensive, copyright, spam, other'] });
  });

  it(`names the text when it is not a string or longer than ${FlagLimits.textMaxLength} characters`, async () => {
    expect(await problems({ reason: 'spam', text: 7 })).toEqual({ text: ['text must be a string'] });
    expect(await problems({ reason: 'spam', text: 'x'.repeat(FlagLimits.textMaxLength + 1) })).toEqual({
      text: [`text must be at most ${FlagLimits.textMaxLength} characters`],
    });
    expect(await problems({ reason: 'spam', text: ` ${'x'.repeat(FlagLimits.textMaxLength)} ` })).toEqual({});
  });
});
