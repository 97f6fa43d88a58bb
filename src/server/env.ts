// What @hono/node-server hands every request: the Node request and response (HttpBindings). Absent when a test calls
// app.request() without them, hence Partial.
import type { Http2Bindings, HttpBindings } from '@hono/node-server';

export type AppEnv = { Bindings: Partial<HttpBindings | Http2Bindings> };
