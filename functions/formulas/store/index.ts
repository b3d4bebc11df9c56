// The formulas store: the formulas table (one store per access pattern), the queue the relay publishes
// to and its DLQ, each built from a `TableConfig` or `QueueConfig` that handlers/deps.ts makes once.
export { deadLetterQueue, type DeadLetterQueue } from './dlq.ts';
export {
  formulaLister,
  formulaReader,
  formulaWriter,
  statusUpdater,
  type FormulaLister,
  type FormulaReader,
  type FormulaWriter,
  type InsertResult,
  type StatusUpdater,
  type TransitionResult,
} from './formulas.ts';
export { formulaQueue, type FormulaQueue } from './queue.ts';
