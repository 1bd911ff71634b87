import { bindReferral, recordShareVisit, type ShareChannel, type ShareTarget } from '@wxshop/shared';
import { api, errorCode } from './request';
import { getSession } from './session';
import { storage, STORAGE_KEYS } from './storage';

export type { ShareChannel, ShareTarget };

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

interface PendingReferral {
  scene: string;
  channel: ShareChannel;
}

/** The channel of a WeChat launch scene number (1047-1049 a code scanned, 1007/1008 a chat card, 1154/1155 Moments). */
export function channelOf(launchScene: number | undefined): ShareChannel {
  if (launchScene === 1047 || launchScene === 1048 || launchScene === 1049) return 'qr';
  if (launchScene === 1007 || launchScene === 1008) return 'chat';
  if (launchScene === 1154 || launchScene === 1155) return 'moments';
  return 'link';
}

/** A scene from a launch query (`scene` arrives URL-encoded from a code), or undefined when there is none. */
export function sceneOf(query: Record<string, unknown> | undefined): string | undefined {
  const raw = query?.scene;
  if (typeof raw !== 'string' || raw === '') return undefined;
  let scene = raw;
  try {
    scene = decodeURIComponent(raw);
  } catch {
    // keep it as it came
  }
  return SCENE.test(scene) ? scene : undefined;
}

const opened = new Map<string, Promise<ShareTarget | undefined>>();
/** Where a scene leads (the visit recorded once per run: the app's launch and the page it opens both ask), or undefined when it is unknown. */
export function openScene(scene: string, channel: ShareChannel): Promise<ShareTarget | undefined> {
  let target = opened.get(scene);
  if (!target) {
    target = api.call(recordShareVisit, { params: { scene }, body: { channel } }).catch(() => undefined);
    opened.set(scene, target);
  }
  return target;
}

/**
 * Keeps the scene the app was opened with until the shopper is signed in, then binds them
 * (`POST /me/referral`): a visitor who signs up later is bound then.
 */
export function rememberScene(scene: string, channel: ShareChannel): void {
  storage.set(STORAGE_KEYS.referral, { scene, channel } satisfies PendingReferral);
  void bindPendingReferral();
}

let binding: Promise<void> | undefined;
/** Binds the kept scene when signed in; forgets it once answered (bound, kept or refused), keeps it after a network failure. */
export function bindPendingReferral(): Promise<void> {
  if (binding) return binding;
  const pending = storage.get<PendingReferral>(STORAGE_KEYS.referral);
  if (!pending || !getSession()) return Promise.resolve();
  binding = api
    .call(bindReferral, { body: { scene: pending.scene, channel: pending.channel } })
    .then(() => storage.remove(STORAGE_KEYS.referral))
    .catch((e: unknown) => {
      const code = errorCode(e);
      if (code === 'not_found' || code === 'validation_failed') storage.remove(STORAGE_KEYS.referral);
    })
    .finally(() => {
      binding = undefined;
    });
  return binding;
}
