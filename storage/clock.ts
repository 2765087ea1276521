/** Time is injected so tests can move it; storage stamps rows with it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function iso(clock: Clock): string {
  return clock.now().toISOString();
}
