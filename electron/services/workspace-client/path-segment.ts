import { failure } from '../../../shared/errors';

/**
 * One segment of a workspace URL path, encoded. `encodeURIComponent` leaves `.` alone, and
 * fetch resolves `.` and `..` segments, so a name of `..` would turn
 * `/api/2.0/serving-endpoints/{name}` into `/api/2.0/` — an authenticated request to a path
 * the user never asked for. Such names (and empty ones) are refused before anything is sent.
 */
export function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..')
    throw failure('INVALID_INPUT', `"${value}" can't be part of a workspace URL.`);
  return encodeURIComponent(value);
}
