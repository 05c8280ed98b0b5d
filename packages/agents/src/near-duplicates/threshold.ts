import { findSpecialist, type SpecialistSource } from "../specialists";

/**
 * The similarity at or above which a piece counts as a near-duplicate for the model that scored it: the
 * catalog's measured `duplicateThreshold`, else (SIE encoders, which have none until calibrated on a live
 * server) the deployment's SIE_DUPLICATE_THRESHOLD. Undefined when neither: scores of an uncalibrated
 * model are recorded, and nothing is decided on them.
 */
export function duplicateThresholdFor(source: SpecialistSource, sieThreshold?: number): number | undefined {
  const measured = findSpecialist(source.provider, "encode", source.model)?.duplicateThreshold;
  if (measured !== undefined) return measured;
  return source.provider === "sie" ? sieThreshold : undefined;
}
