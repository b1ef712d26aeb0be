import { readPreference, writePreference } from '../../core/preferences';

/*
 * The $/model-unit-hour used for every provisioned-throughput estimate (create, scale, cost
 * insight). Databricks bills provisioned throughput per model unit (or throughput chunk) per
 * hour, at a rate that depends on the model, the cloud, the region and any commitment, and
 * the reference publishes none: so the default below is only a placeholder to edit, and the
 * user's value is remembered as a preference.
 */

/**
 * A placeholder, not a published price: roughly the order of magnitude of on-demand GPU
 * serving per model unit. The UI says so and asks for the user's own rate.
 */
export const DEFAULT_UNIT_HOUR_USD = 6;

/** Shown wherever the rate can be edited. */
export const UNIT_PRICE_NOTE =
  'A placeholder rate: provisioned-throughput prices vary by model, cloud, region and commitment. Enter yours from your Databricks pricing.';

const KEY = 'endpoints.unit-hour-usd';

/** The remembered $/unit-hour, or the default. */
export function readUnitHourPrice(): number {
  const n = Number(readPreference(KEY));
  return readPreference(KEY) !== null && Number.isFinite(n) && n >= 0 ? n : DEFAULT_UNIT_HOUR_USD;
}

/** Remembers the $/unit-hour; refuses negative or non-numbers (returns false). */
export function writeUnitHourPrice(value: number): boolean {
  if (!Number.isFinite(value) || value < 0) return false;
  writePreference(KEY, String(value));
  return true;
}
