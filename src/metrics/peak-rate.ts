/** The most events in any one simulated second (seconds counted from time 0), counted as they come, in time order. */
export class PeakRate {
  peak = 0;
  private second = -1;
  private inSecond = 0;

  add(time: number): void {
    const second = Math.floor(time / 1000);
    if (second !== this.second) {
      this.second = second;
      this.inSecond = 0;
    }
    if (++this.inSecond > this.peak) this.peak = this.inSecond;
  }
}
