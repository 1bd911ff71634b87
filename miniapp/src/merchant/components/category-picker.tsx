import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { localize, type Category, type CategoryRoot } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { categoryLabel, categoryPath, isLeaf } from '../lib/categories';

type Node = Category & { children?: readonly Node[] };

interface Props {
  idPrefix: string;
  tree: readonly CategoryRoot[];
  value: string | null;
  onChange: (id: string) => void;
  /** 'leaf': drill down to a category without children (products); 'top': a top-level one (store applications). */
  mode: 'leaf' | 'top';
}

/** The chosen category's path, and a panel that drills down the tree to pick one. */
export function CategoryPicker({ idPrefix, tree, value, onChange, mode }: Props) {
  const { lang, t } = useI18n();
  const [open, setOpen] = useState(false);
  const [trail, setTrail] = useState<Node[]>([]);
  const label = categoryLabel(tree, value, lang);

  const openPanel = () => {
    // Start where the current choice is (its parent), or at the top.
    setTrail(mode === 'leaf' ? categoryPath(tree, value).slice(0, -1) : []);
    setOpen((o) => !o);
  };
  const level: readonly Node[] = trail.length ? (trail[trail.length - 1]!.children ?? []) : tree;
  const pick = (node: Node) => {
    if (mode === 'leaf' && !isLeaf(node)) return setTrail([...trail, node]);
    onChange(node.id);
    setOpen(false);
  };

  return (
    <View className="m-cat">
      <View id={`${idPrefix}-toggle`} className="m-cat__value field__input" onClick={openPanel}>
        <Text id={`${idPrefix}-label`} className={label ? '' : 'm-muted'}>
          {label || t('merchant.category.choose')}
        </Text>
        <Text className="row__chevron">{open ? '▾' : '›'}</Text>
      </View>
      {open ? (
        <View id={`${idPrefix}-panel`} className="m-cat__panel">
          {tree.length === 0 ? <Text className="m-muted">{t('merchant.category.none')}</Text> : null}
          {trail.length ? (
            <View className="m-cat__trail">
              <Text id={`${idPrefix}-top`} className="m-link" onClick={() => setTrail([])}>
                {t('merchant.category.all')}
              </Text>
              {trail.map((n, i) => (
                <Text key={n.id} className="m-link" onClick={() => setTrail(trail.slice(0, i + 1))}>
                  {' › '}
                  {localize(n.name, lang)}
                </Text>
              ))}
            </View>
          ) : null}
          <View className="m-chips">
            {level.map((n) => (
              <View key={n.id} id={`${idPrefix}-option-${n.id}`} className={`m-chip ${n.id === value ? 'm-chip--active' : ''}`} onClick={() => pick(n)}>
                {localize(n.name, lang)}
                {mode === 'leaf' && !isLeaf(n) ? ' ›' : ''}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
