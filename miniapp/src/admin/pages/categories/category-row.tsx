import { Button, Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import { useI18n } from '../../../i18n';
import { canAddChild, canDelete, canMove, type TreeRow } from '../../lib/category-tree';

interface Props {
  row: TreeRow;
  collapsed: boolean;
  selected: boolean;
  busy: boolean;
  onSelect: () => void;
  onToggle: () => void;
  onAddChild: () => void;
  onEdit: () => void;
  onMove: (direction: 'up' | 'down') => void;
  onDelete: () => void;
}

/** A category line (indented by level) and, when selected, its actions. */
export function CategoryRow({ row, collapsed, selected, busy, onSelect, onToggle, onAddChild, onEdit, onMove, onDelete }: Props) {
  const { t } = useI18n();
  const id = row.category.id;
  const hasChildren = row.childIds.length > 0;
  return (
    <View className={`admin__cat ${selected ? 'admin__cat--selected' : ''}`}>
      <View id={`category-row-${id}`} className={`admin__cat-line admin__cat-line--l${row.level}`} onClick={onSelect}>
        <View
          id={`category-toggle-${id}`}
          className={`admin__cat-toggle ${hasChildren ? '' : 'admin__cat-toggle--none'}`}
          onClick={(e) => {
            e.stopPropagation();
            if (hasChildren) onToggle();
          }}
        >
          {hasChildren ? (collapsed ? '▸' : '▾') : ''}
        </View>
        {row.category.iconUrl ? <Picture alt="" className="admin__cat-icon" src={row.category.iconUrl} mode="aspectFill" /> : null}
        <Text className="admin__cat-name">{row.label}</Text>
        {hasChildren ? <Text className="admin__cat-count">{row.childIds.length}</Text> : null}
      </View>
      {selected ? (
        <View id={`category-actions-${id}`} className="admin__cat-actions">
          {canAddChild(row) ? (
            <Button id={`category-add-${id}`} className="btn btn--small btn--ghost" disabled={busy || undefined} onClick={onAddChild}>
              {t('admin.category_add_child')}
            </Button>
          ) : null}
          <Button id={`category-edit-${id}`} className="btn btn--small btn--ghost" disabled={busy || undefined} onClick={onEdit}>
            {t('admin.category_edit')}
          </Button>
          <Button
            id={`category-up-${id}`}
            className="btn btn--small btn--ghost"
            disabled={busy || !canMove(row, 'up') || undefined}
            onClick={() => onMove('up')}
          >
            {t('admin.category_up')}
          </Button>
          <Button
            id={`category-down-${id}`}
            className="btn btn--small btn--ghost"
            disabled={busy || !canMove(row, 'down') || undefined}
            onClick={() => onMove('down')}
          >
            {t('admin.category_down')}
          </Button>
          {canDelete(row) ? (
            <Button id={`category-delete-${id}`} className="btn btn--small btn--danger" disabled={busy || undefined} onClick={onDelete}>
              {t('admin.category_delete')}
            </Button>
          ) : (
            <Text className="admin__hint">{t('admin.category_has_children')}</Text>
          )}
        </View>
      ) : null}
    </View>
  );
}
