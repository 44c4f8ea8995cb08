import { z } from "zod";
import { expectedType } from "./messages.ts";

/** What every schema factory receives: strictness (for unknown-key warnings) and `~`'s target. */
export interface SchemaOptions {
  strict: boolean;
  home: string;
}

/**
 * Each schema is built twice from one definition: strict, only to learn which keys are unknown
 * (reported as warnings), and stripping, for the data and the real errors. Both share this
 * factory, so the two can never drift apart. Their outputs are identical, hence the cast.
 */
export function objectFor(strict: boolean) {
  return <T extends z.core.$ZodLooseShape>(shape: T, what = "an object") => {
    const params = { error: expectedType(what) };
    const schema = strict ? z.strictObject(shape, params) : z.object(shape, params);
    return schema as unknown as ReturnType<typeof z.object<T>>;
  };
}
