/** The simulation's event kinds (the engine only sees these numbers), with what their arguments carry. */
export const enum Ev {
  ReadArrival,
  WriteArrival,
  /** a = write number, b = key, c = session */
  Commit,
  /** a = session, b = key, c = version */
  WriteAck,
  /** a = region, b = key, c = version */
  ReplicaApply,
  /** a = in-flight read slot: the client asks the cache again (lease wait over) */
  CacheRetry,
  /** a = in-flight read slot: the request reaches the database copy it asks */
  SourceRead,
  /** a = in-flight read slot */
  Fill,
  /** a = region, b = key, c = version */
  Deliver,
  /** a = fault index, b = phase */
  Fault,
  /** a = region, b = key, c = version: a change-stream tailer acts on the region's cache */
  ChangeArrived,
  /** a = L1 cache number, b = key, c = version: a value from the regional cache reaches the client's L1 */
  L1Fill,
  /** a = key, b = version: the strategy sends a commit's bus message again (delayed double delete) */
  Resend,
}
