/**
 * The clock and the wait the Jira client uses between retries. Production uses real time; the
 * local sandbox and tests swap in the simulated clock so that retries take no real time.
 */
export const timing = {
  now: (): number => Date.now(),
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
  random: (): number => Math.random(),
};
