import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** A bottom sheet over a dimmed page: a title, a line of explanation, its content and actions. */
export function Sheet({ id, title, body, onClose, children }: { id: string; title: string; body?: string; onClose: () => void; children: ReactNode }) {
  return (
    <View className="o-sheet">
      <View className="o-sheet__mask" onClick={onClose} />
      <View id={id} className="o-sheet__panel" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <Text id={`${id}-title`} className="o-sheet__title">
          {title}
        </Text>
        {body ? <Text className="o-sheet__body">{body}</Text> : null}
        {children}
      </View>
    </View>
  );
}
