/** A one-line progress bar on stderr (redrawn in place on a terminal, a line per step otherwise). */
export class ProgressBar {
  private readonly started = performance.now();

  constructor(
    private readonly total: number,
    private readonly width = 30,
  ) {}

  update(done: number, detail: string): void {
    const filled = Math.round((done / this.total) * this.width);
    const seconds = ((performance.now() - this.started) / 1000).toFixed(0);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${done}/${this.total} ${detail} · ${seconds} s`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K${done === this.total ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  }
}
