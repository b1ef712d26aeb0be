import type { ImportableProfile } from '../../../shared/domain';
import { StudioFailure } from '../../../shared/errors';
import { normaliseHost } from './workspace-profiles';

/*
 * What the import checklist shows for a profile, and what import then does with it, are one
 * computation: the host as it would be saved, and every reason import would refuse it. So a
 * profile the list offers is one import accepts, and one it refuses says why before the click.
 * A `user:password@` in a host never reaches the page: it is cut from what is shown.
 */

/** scheme://user:password@host… (the last @ before the path ends the user-info). */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i;
/** Everything up to the last @: what is cut from a host that can't be parsed, to be safe. */
const UP_TO_LAST_AT = /^([a-z][a-z0-9+.-]*:\/\/)?.*@/i;

/** The host text with any user-info removed (for display: never sent anywhere). */
export function withoutUserInfo(raw: string): string {
  return raw.trim().replace(UP_TO_LAST_AT, '$1');
}

/** The host as import would save it, or the reason it would refuse it (and the host without user-info). */
export function previewHost(raw: string): { host: string; problem: string | null } {
  const trimmed = raw.trim();
  if (USER_INFO.test(trimmed))
    return {
      host: withoutUserInfo(trimmed),
      problem:
        'The host has a user name or password in it (user:password@): remove it from the file; the token has its own key.',
    };
  try {
    // A saved host never has user-info: normaliseHost refuses it and drops any path.
    return { host: normaliseHost(trimmed), problem: null };
  } catch (err) {
    const why = err instanceof StudioFailure ? err.error.message : 'It is not a valid workspace URL.';
    return { host: withoutUserInfo(trimmed), problem: `host: ${why}` };
  }
}

/** The profile with its host normalised (or cleaned for display) and import's refusals added to `problems`. */
export function previewProfile(profile: ImportableProfile): ImportableProfile {
  if (!profile.host) return profile;
  const { host, problem } = previewHost(profile.host);
  return { ...profile, host, problems: problem ? [...profile.problems, problem] : profile.problems };
}
