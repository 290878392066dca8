/** At most `limit` tasks at once; up to `queue` more wait their turn; beyond that, 'busy' at once. */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number, private readonly queue: number) {}

  async run<T>(task: () => Promise<T>): Promise<T | 'busy'> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.queue) return 'busy';
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
