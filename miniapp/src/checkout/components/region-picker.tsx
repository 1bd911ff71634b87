import { ScrollView, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ErrorState, Loading } from '../../components/states';
import { useI18n } from '../../i18n';
import { scrollRegion } from '../../platform/ui';
import { isLeaf, pathTo, type RegionNode } from '../lib/region-tree';
import { loadRegions } from '../lib/regions';

interface Props {
  /** The code chosen so far (its path opens), or ''. */
  value: string;
  onPick: (code: string, text: string) => void;
  onClose: () => void;
}

/**
 * A cascader over China's regions (`#region-sheet`): province, then city, then district, as deep as
 * the region goes (municipalities and cities without districts stop earlier). Tabs (`#region-tab-<n>`)
 * go back a level; options are `#region-option-<code>`.
 */
export function RegionPicker({ value, onPick, onClose }: Props) {
  const { t } = useI18n();
  const [tree, setTree] = useState<RegionNode[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [path, setPath] = useState<RegionNode[]>([]);

  const load = () => {
    setError(null);
    loadRegions().then(
      (data) => {
        const usable = data.filter((p) => !isLeaf(p));
        setTree(usable);
        const start = value ? pathTo(usable, value) : [];
        setPath(start.length ? start.slice(0, -1) : []);
      },
      (e: unknown) => setError(e),
    );
  };
  useEffect(load, [value]);

  const options = path.length === 0 ? (tree ?? []) : (path[path.length - 1]!.d ?? []);
  const chosen = value ? pathTo(tree ?? [], value) : [];
  const levels = [t('checkout.region_province'), t('checkout.region_city'), t('checkout.region_district')];

  const choose = (node: RegionNode) => {
    const next = [...path, node];
    if (isLeaf(node)) {
      const names = next.map((n) => n.n).filter((n, i, all) => i === 0 || n !== all[i - 1]);
      onPick(node.c, names.join(' '));
    } else setPath(next);
  };

  return (
    <View id="region-sheet" className="co-sheet" onClick={onClose}>
      <View className="co-sheet__panel co-region" role="dialog" aria-label={t('checkout.region_title')} onClick={(e) => e.stopPropagation()}>
        <Text className="co-region__title">{t('checkout.region_title')}</Text>
        <Text id="region-close" className="co-sheet__close" aria-label={t('checkout.close')} onClick={onClose}>
          ×
        </Text>
        <View className="co-region__tabs">
          {path.map((n, i) => (
            <Text key={n.c} id={`region-tab-${i}`} className="co-region__tab" onClick={() => setPath(path.slice(0, i))}>
              {n.n}
            </Text>
          ))}
          <Text className="co-region__tab co-region__tab--active">{levels[path.length] ?? levels[2]}</Text>
        </View>
        {error ? (
          <ErrorState id="region-error" error={error} onRetry={load} />
        ) : !tree ? (
          <Loading id="region-loading" />
        ) : (
          <ScrollView scrollY className="co-region__list" {...scrollRegion(t('checkout.region_title'))}>
            {options.map((n) => (
              <View
                key={n.c}
                id={`region-option-${n.c}`}
                className={`co-region__option ${chosen.some((c) => c.c === n.c) ? 'co-region__option--on' : ''}`}
                role="button"
                onClick={() => choose(n)}
              >
                {n.n}
              </View>
            ))}
          </ScrollView>
        )}
      </View>
    </View>
  );
}
