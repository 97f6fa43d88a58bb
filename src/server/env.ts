// What @hono/node-server hands every request: the Node request and response (HttpBindings). Absent when a test calls
// app.request() without them, hence Partial. `staff` is set by staffOnly on staff routes.
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import type { StaffIdentity } from '../staff-tokens.ts';

export type AppEnv = { Bindings: Partial<HttpBindings | Http2Bindings>; Variables: { staff?: StaffIdentity } };
