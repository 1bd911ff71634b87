import { Text, View } from '@tarojs/components';
import { Picture } from '../../components/picture';
import { useState } from 'react';
import type { Profile } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { pickFiles, UploadError } from '../../platform/upload';
import { avatarProblem, uploadAvatar } from '../../services/avatar';
import { toast, toastError } from '../../services/request';

/**
 * The avatar (or the nickname's first letter); a tap picks a photo and uploads it:
 * POST /me/avatar-upload -> PUT to storage -> POST /me {avatarKey}.
 */
export function AvatarPicker({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial = Array.from(profile.nickname.trim())[0]?.toUpperCase() ?? '?';
  const src = preview ?? profile.avatarUrl;

  const change = async () => {
    if (busy) return;
    let file;
    try {
      [file] = await pickFiles('image', 1);
    } catch (e) {
      toastError(e);
      return;
    }
    if (!file) return;
    const problem = avatarProblem(file);
    if (problem) {
      toast(problem === 'too_large' ? t('shop.avatar_too_large') : t('shop.avatar_bad_type'));
      return;
    }
    setBusy(true);
    setPreview(file.previewUrl);
    try {
      await uploadAvatar(file);
      toast(t('shop.avatar_updated'));
    } catch (e) {
      if (e instanceof UploadError) toast(t('shop.avatar_failed'));
      else toastError(e);
    } finally {
      setPreview(null);
      setBusy(false);
    }
  };

  return (
    <View id="me-avatar-button" className="me__avatar-button" onClick={() => void change()}>
      {src ? (
        <Picture alt="" id="me-avatar" className="me__avatar" src={src} mode="aspectFill" />
      ) : (
        <View id="me-avatar" className="me__avatar me__avatar--placeholder">
          {initial}
        </View>
      )}
      <Text id="me-avatar-change" className="me__avatar-badge">
        {busy ? t('shop.avatar_uploading') : t('shop.avatar_change')}
      </Text>
    </View>
  );
}
