import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { PROVINCES, regionName } from '../lib/provinces';
import { toggleRegion } from '../lib/template-form';

interface Props {
  id: string;
  label: string;
  value: string[];
  /** Regions another group (or the excluded list) already holds: shown, not choosable. */
  taken: ReadonlySet<string>;
  onChange: (codes: string[]) => void;
}

/** Provinces chosen for a group: the chosen ones as chips (tap to remove), and the full list behind "choose". */
export function RegionPicker({ id, label, value, taken, onChange }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <View id={id} className="f-regions">
      <View className="m-section__head">
        <Text className="field__label">
          {label} ({value.length})
        </Text>
        <Text id={`${id}-toggle`} className="m-link" onClick={() => setOpen(!open)}>
          {open ? t('merchant.tpl.regions_done') : t('merchant.tpl.regions_choose')}
        </Text>
      </View>
      {!open ? (
        <View className="m-chips">
          {value.length === 0 ? <Text className="m-muted">{t('merchant.tpl.regions_none')}</Text> : null}
          {value.map((c) => (
            <View key={c} id={`${id}-chosen-${c}`} className="m-chip m-chip--active" onClick={() => onChange(toggleRegion(value, c))}>
              {regionName(c)} ×
            </View>
          ))}
        </View>
      ) : (
        <View className="m-chips" role="group" aria-label={label}>
          {PROVINCES.map((p) => {
            const chosen = value.includes(p.code);
            const blocked = !chosen && taken.has(p.code);
            return (
              <View
                key={p.code}
                id={`${id}-region-${p.code}`}
                role="checkbox"
                aria-checked={chosen}
                aria-disabled={blocked}
                className={`m-chip ${chosen ? 'm-chip--active' : ''} ${blocked ? 'f-chip--blocked' : ''}`}
                onClick={() => !blocked && onChange(toggleRegion(value, p.code))}
              >
                {p.name}
              </View>
            );
          })}
        </View>
      )}
    </View>
  );
}
