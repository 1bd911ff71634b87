import { Text, View } from '@tarojs/components';
import type { Profile } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { AvatarPicker } from './avatar-picker';

/** Avatar (tap to change), nickname, member-since and the bound sign-in methods. */
export function ProfileCard({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  return (
    <View id="me-profile" className="me__profile">
      <View className="me__identity">
        <AvatarPicker profile={profile} />
        <View className="me__names">
          <Text id="me-nickname" className="me__nickname">
            {profile.nickname}
          </Text>
          <Text id="me-member-since" className="me__since">
            {t('me.member_since', { date: profile.createdAt.slice(0, 10) })}
          </Text>
        </View>
      </View>
      <View id="me-identities" className="me__identities">
        <Text className="me__identities-label">{t('me.identities')}</Text>
        {profile.identities.length === 0 ? (
          <Text id="me-identities-empty" className="me__since">
            {t('me.identities_empty')}
          </Text>
        ) : (
          <View className="me__chips">
            {profile.identities.map((identity) => (
              <View key={`${identity.provider}:${identity.display}`} id={`me-identity-${identity.provider}`} className="me__chip">
                {/* WeChat and Alipay have nothing to mask: the display is the provider's own name. */}
                {identity.provider === 'wechat' || identity.provider === 'alipay'
                  ? t(`identity.${identity.provider}`)
                  : `${t(`identity.${identity.provider}`)} · ${identity.display}`}
              </View>
            ))}
          </View>
        )}
      </View>
    </View>
  );
}
