import type Ssh2 from "ssh2";
import { lazyPackage } from "../startup/lazy-package.ts";

/**
 * ssh2, loaded on first use: commands that reach no node (`help`, `audit`, `alerts`) do not pay
 * for it and its crypto set-up. The one loader of ssh2.
 */
export const ssh2 = lazyPackage<typeof Ssh2>("ssh2");
