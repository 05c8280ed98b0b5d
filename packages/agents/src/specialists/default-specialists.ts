import { parseSpecialistsEnv, specialistsOptionsFromEnv } from "./env";
import { createSpecialists } from "./factory";
import type { SpecialistProvider } from "./types";

let fromEnv: SpecialistProvider | undefined;

/** The deployment's specialist provider, made once per process: SIE when SIE_URL is set, the offline one when not. */
export function defaultSpecialists(): SpecialistProvider {
  fromEnv ??= createSpecialists(specialistsOptionsFromEnv(parseSpecialistsEnv()));
  return fromEnv;
}
