import { StateMachine } from './state-machine';

type Light = 'red' | 'green' | 'off';

describe('StateMachine', () => {
  const lights = new StateMachine<Light, 'go' | 'stop' | 'switch off'>(
    { go: { from: ['red'], to: 'green' }, stop: { from: ['green'], to: 'red' }, 'switch off': { from: ['red', 'green'], to: 'off' } },
    (state, action) => new Error(`cannot ${action} when ${state}`),
  );

  it('goes where the table says, from the states it lists', () => {
    expect(lights.next('red', 'go')).toBe('green');
    expect(lights.next('green', 'switch off')).toBe('off');
    expect(lights.can('off', 'go')).toBe(false);
  });

  it("refuses anything else with the owner's error", () => {
    expect(() => lights.next('off', 'go')).toThrow('cannot go when off');
    expect(() => lights.next('green', 'go')).toThrow('cannot go when green');
  });
});
