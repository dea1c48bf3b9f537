/**
 * Values that replace a setting for a window (a `replica_lag` spike).
 * Windows may overlap: the one started last is in force until it ends, then the latest
 * started of those still open, and with none open the setting's own value again. Each window
 * is identified by a token (its fault's index), so two windows with equal values end
 * independently.
 */
export class Overrides<T> {
  /** The value in force, or undefined when no window is open: one field read for the hot path. */
  current: T | undefined = undefined;
  private readonly tokens: number[] = [];
  private readonly values: T[] = [];

  /** Window `token` opens with `value`, which is in force from now on. */
  start(token: number, value: T): void {
    this.tokens.push(token);
    this.values.push(value);
    this.current = value;
  }

  /** Window `token` closes; the latest started window still open takes over. */
  end(token: number): void {
    const i = this.tokens.lastIndexOf(token);
    if (i < 0) throw new Error(`bug: override ${token} ended without starting`);
    this.tokens.splice(i, 1);
    this.values.splice(i, 1);
    this.current = this.values.length > 0 ? this.values[this.values.length - 1] : undefined;
  }
}
