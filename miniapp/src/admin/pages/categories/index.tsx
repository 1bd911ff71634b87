import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState, Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { editCategory, fetchCategoryTree, removeCategory, type CategoryRoot } from '../../../services/admin-categories';
import { isApiError, toast, toastError } from '../../../services/request';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { flattenTree, moveUpdates, visibleRows, type TreeRow } from '../../lib/category-tree';
import '../admin.scss';
import { CategoryRow } from './category-row';

/** The category tree (3 levels): add, rename, reorder, icons, delete leaves. A tap on a category shows its actions. */
export default function AdminCategoriesPage() {
  const { lang, t } = useI18n();
  usePageTitle('admin.categories_title');
  const [tree, load] = useRemote(fetchCategoryTree);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useDidShow(() => {
    if (getSession()) void load();
  });

  const open = (url: string) => void Taro.navigateTo({ url });

  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const move = async (rows: TreeRow[], row: TreeRow, direction: 'up' | 'down') => {
    const byId = new Map(rows.map((r) => [r.category.id, r.category]));
    const siblings = row.siblingIds.map((id) => byId.get(id)!).filter(Boolean);
    const updates = moveUpdates(siblings, row.category.id, direction);
    if (updates.length === 0) return;
    setBusy(true);
    try {
      for (const u of updates) await editCategory(u.id, { order: u.order });
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
      await load();
    }
  };

  const remove = async (row: TreeRow) => {
    const { confirm } = await Taro.showModal({
      title: t('admin.category_delete_title'),
      content: t('admin.category_delete_confirm', { name: row.label }),
      confirmText: t('admin.category_delete'),
      cancelText: t('common.cancel'),
      confirmColor: '#b3261e',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await removeCategory(row.category.id);
      setSelected(null);
      toast(t('admin.category_deleted'));
    } catch (e) {
      if (isApiError(e) && e.status === 409)
        void Taro.showModal({
          title: t('admin.category_delete_refused_title'),
          content: t('admin.category_delete_refused'),
          showCancel: false,
          confirmText: t('admin.ok'),
          confirmColor: '#c81e24',
        });
      else toastError(e);
    } finally {
      setBusy(false);
      await load();
    }
  };

  let body;
  if (tree.status === 'error') body = <LoadError error={tree.error} onRetry={() => void load()} />;
  else if (!('data' in tree) || !tree.data) body = <Loading />;
  else if (tree.data.length === 0)
    body = (
      <EmptyState id="categories-empty" icon="category" title={t('admin.categories_empty')} body={t('admin.categories_empty_body')}>
        <Button id="categories-add-first" className="btn btn--primary state__action" onClick={() => open('/admin/pages/category-edit/index')}>
          {t('admin.category_add_root')}
        </Button>
      </EmptyState>
    );
  else {
    const rows = flattenTree(tree.data as CategoryRoot[], lang);
    body = (
      <View>
        <View className="admin__toolbar admin__toolbar--split">
          <View className="admin__bar-note">{t('admin.categories_hint')}</View>
          <Button id="categories-add-root" className="btn btn--primary btn--small" onClick={() => open('/admin/pages/category-edit/index')}>
            {t('admin.category_add_root')}
          </Button>
        </View>
        <View id="categories-tree" className="card">
          {visibleRows(rows, collapsed).map((row) => (
            <CategoryRow
              key={row.category.id}
              row={row}
              collapsed={collapsed.has(row.category.id)}
              selected={selected === row.category.id}
              busy={busy}
              onSelect={() => setSelected((s) => (s === row.category.id ? null : row.category.id))}
              onToggle={() => toggle(row.category.id)}
              onAddChild={() => open(`/admin/pages/category-edit/index?parentId=${row.category.id}`)}
              onEdit={() => open(`/admin/pages/category-edit/index?id=${row.category.id}`)}
              onMove={(direction) => void move(rows, row, direction)}
              onDelete={() => void remove(row)}
            />
          ))}
        </View>
      </View>
    );
  }

  return (
    <AdminGuard permission="platform:category:write" pageId="page-admin-categories">
      {body}
    </AdminGuard>
  );
}
