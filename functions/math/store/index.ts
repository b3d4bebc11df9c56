// The math store: the requests table, one store per access pattern, each built from a `TableConfig` that
// handlers/deps.ts makes once per execution environment.
export {
  requestLister,
  requestTracker,
  type RequestLister,
  type RequestRecord,
  type RequestTracker,
  type Tracked,
} from './requests.ts';
