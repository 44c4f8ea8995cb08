import type { ProviderName } from "../types.ts";
import { anthropic } from "./anthropic.ts";
import { minimax } from "./minimax.ts";
import { openai } from "./openai.ts";
import type { ProviderAdapter } from "./provider.ts";
import { zai } from "./zai.ts";

/** One adapter per provider, by the name `monitor.providers.<name>` uses. */
export const ADAPTERS: Record<ProviderName, ProviderAdapter> = { anthropic, openai, zai, minimax };

export { ANTHROPIC_PROBE_MODEL } from "./anthropic.ts";
export { OPENAI_PROBE_MODEL } from "./openai.ts";
export { MINIMAX_PATHS } from "./minimax.ts";
export type { CheckContext, ProviderAccount, ProviderAdapter } from "./provider.ts";
export type { Reading } from "./reading.ts";
