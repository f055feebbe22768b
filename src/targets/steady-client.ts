import { Client, type Dispatcher } from "undici";

/**
 * A pool connection that stays in service when undici refuses a request before sending it.
 * Client.dispatch answers false both for "busy" and for a request it refused (a header, method
 * or path it does not accept); the Pool then waits for a 'drain' that never comes, so each
 * refusal takes one of its connections out of service for good, and 64 of them wedge it. A
 * refused request never joins the client's queue: an empty queue after a false means "refused,
 * still free".
 */
export class SteadyClient extends Client {
  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    if (super.dispatch(options, handler)) return true;
    return this.stats.size === 0 && !this.closed && !this.destroyed;
  }
}
