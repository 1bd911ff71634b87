import { useEffect, useState } from 'react';
import { openScene } from '../../services/referral';

/**
 * The id a page shows: its `id` parameter, or, opened from a mini-program code (only `scene` in the
 * query), the target of that share. `undefined` while the scene is being resolved; `''` when there is none.
 */
export function useSceneTarget(kind: 'product' | 'store', idParam: string, scene: string | undefined): string | undefined {
  const [target, setTarget] = useState<string | null | undefined>(idParam || !scene ? null : undefined);
  useEffect(() => {
    if (idParam || !scene) return;
    void openScene(scene, 'qr').then((t) => setTarget(t?.kind === kind ? t.targetId : null));
  }, [idParam, scene, kind]);
  if (idParam) return idParam;
  return target === undefined ? undefined : (target ?? '');
}
