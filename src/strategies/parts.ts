/**
 * A strategy is a composition of shared mechanisms. A preset declares which pieces it
 * uses and with what settings; the model runs each piece (src/strategies/mechanisms/*)
 * at its hook. Presets never copy a mechanism: they switch it on.
 */

/** What a committed write sends through the bus to every region's cache. */
export type Publish =
  /** Nothing: caches learn of writes only when their TTL runs out. */
  | 'nothing'
  /** "Delete key k": the receiving cache drops its entry, whatever version it holds. */
  | 'delete';

export interface StrategyParts {
  publish: Publish;
}
