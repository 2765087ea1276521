/**
 * Work started by a handler that goes on after the person was answered (a
 * notice's deliveries written in chunks after "Send it"). Each task is
 * started on the next turn of the event loop, so the answer's request leaves
 * first; its errors are logged, never thrown at the handler. What such a
 * task does must be resumable from the database: a crash may stop it
 * halfway, and a job picks it up again.
 */
import type { Logger } from "pino";

export class Background {
  private readonly running = new Set<Promise<void>>();
  /** Tests: tasks wait here until `release()`. */
  private held: Array<() => void> | undefined;

  constructor(
    private readonly logger: Pick<Logger, "error">,
    options: { hold?: boolean } = {},
  ) {
    if (options.hold) this.held = [];
  }

  run(name: string, task: () => Promise<unknown>): void {
    const started = new Promise<void>((resolve) => {
      if (this.held) this.held.push(resolve);
      else setImmediate(resolve);
    });
    const done = started
      .then(task)
      .then(
        () => undefined,
        (err: unknown) => this.logger.error({ err, task: name }, "background task failed"),
      )
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Starts the held tasks, and those started from now on. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const start of held) start();
  }

  /** Resolves when no task is running (held tasks count as running). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
