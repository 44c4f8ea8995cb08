import type { DeliveryChannel, OutboxItem } from "../../src/notify/delivery-types.ts";

/**
 * A delivery channel under the test's control. As "slack" it stands in for the real Slack channel
 * (src/slack builds that): it takes items, or throws the way the real one does on a 500, a revoked
 * token (ok:false) or exhausted 429 retries.
 */
export class FakeChannel implements DeliveryChannel {
  readonly delivered: OutboxItem[] = [];
  attempts = 0;
  /** A reason to fail every delivery with, or undefined to succeed. */
  failing: string | undefined;
  isConfigured: boolean;

  constructor(readonly name: DeliveryChannel["name"], opts: { failing?: string; configured?: boolean } = {}) {
    this.failing = opts.failing;
    this.isConfigured = opts.configured ?? true;
  }

  configured(): boolean {
    return this.isConfigured;
  }

  async deliver(item: OutboxItem): Promise<void> {
    this.attempts++;
    if (this.failing) throw new Error(this.failing);
    this.delivered.push(item);
  }

  keys(): string[] {
    return this.delivered.map((i) => i.key);
  }
}
