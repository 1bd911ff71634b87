import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A label and its value, one line of a detail card. */
export function DetailRow({ id, label, children }: { id?: string; label: string; children: ReactNode }) {
  return (
    <View className="admin__detail-row">
      <Text className="admin__detail-label">{label}</Text>
      <Text id={id} className="admin__detail-value">
        {children}
      </Text>
    </View>
  );
}
