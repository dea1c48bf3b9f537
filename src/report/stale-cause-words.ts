import type { StaleCauseName } from '../metrics/stale-causes.js';

/** How reports and traces name each cause (the JSON names are `stale_causes.<name>`). */
export const STALE_CAUSE_WORDS: Record<StaleCauseName, string> = {
  stored_stale: 'cached already stale',
  not_invalidated: 'no invalidation sent',
  invalidation_late: 'invalidation on its way',
  invalidation_held: 'invalidation held',
  invalidation_lost: 'invalidation lost',
  invalidation_ignored: 'invalidation ignored',
  replica_behind: 'database copy behind',
  l1_copy: 'L1 copy',
};

/** The words for `cause` told of one strategy: a write-update strategy's messages are updates. */
export function staleCauseText(cause: StaleCauseName, message: 'invalidation' | 'update'): string {
  return STALE_CAUSE_WORDS[cause].replace('invalidation', message);
}
