import '../../messages';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Loading } from '../../../components/states';
import { EmptyState } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchCategoryTree, type CategoryRoot } from '../../../services/admin-categories';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { categoryPath, findCategory, MAX_LEVEL } from '../../lib/category-tree';
import '../admin.scss';
import { CategoryForm } from './category-form';

/** Create a category (`?parentId=`, none for the top level) or rename one and change its icon (`?id=`). */
export default function AdminCategoryEditPage() {
  const { lang, t } = useI18n();
  const params = useRouter().params;
  const id = params.id || null;
  const parentId = params.parentId || null;
  usePageTitle(id ? 'admin.category_edit_title' : 'admin.category_new_title');
  const [tree, load] = useRemote(fetchCategoryTree);

  useDidShow(() => {
    if (getSession() && tree.status === 'idle') void load();
  });

  let body;
  if (tree.status === 'error') body = <LoadError error={tree.error} onRetry={() => void load()} />;
  else if (!('data' in tree) || !tree.data) body = <Loading />;
  else {
    const roots = tree.data as CategoryRoot[];
    const existing = id ? findCategory(roots, id) : undefined;
    const parent = parentId ? findCategory(roots, parentId) : undefined;
    if ((id && !existing) || (parentId && !parent))
      body = <EmptyState id="category-missing" icon="category" title={t('admin.category_missing')} body={t('admin.category_missing_body')} />;
    else if (parent && parent.level >= MAX_LEVEL) body = <EmptyState id="category-too-deep" icon="category" title={t('admin.category_too_deep')} />;
    else {
      const under = existing ? existing.parentId : parentId;
      const place = under ? categoryPath(roots, under, lang).join(' › ') : t('admin.category_top_level');
      body = (
        <View>
          <View id="category-parent" className="admin__bar-note admin__bar-note--alone">
            <Text>{t('admin.category_parent', { place })}</Text>
          </View>
          <CategoryForm existing={existing} parentId={parentId} />
        </View>
      );
    }
  }

  return (
    <AdminGuard permission="platform:category:write" pageId="page-admin-category-edit">
      {body}
    </AdminGuard>
  );
}
