import { getMe, updateMe, type Currency, type Language, type Profile } from '@wxshop/shared';
import { api } from './request';
import { saveProfile } from './session';

/** Reloads the profile (roles, identities) and keeps it in the session. */
export async function fetchProfile(): Promise<Profile> {
  const profile = await api.call(getMe);
  saveProfile(profile);
  return profile;
}

export async function updatePreferences(changes: { language?: Language; currency?: Currency }): Promise<Profile> {
  const profile = await api.call(updateMe, { body: changes });
  saveProfile(profile);
  return profile;
}
