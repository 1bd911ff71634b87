import { Button, Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';

/** The signed-out Me page: why to sign in, and the button to do it. */
export function SignedOutCard({ onSignIn }: { onSignIn: () => void }) {
  const { t } = useI18n();
  return (
    <View id="me-signed-out" className="me__profile">
      <View className="me__identity">
        <View className="me__avatar me__avatar--placeholder">?</View>
        <View className="me__names">
          <Text id="me-signed-out-title" className="me__nickname">
            {t('me.signed_out_title')}
          </Text>
          <Text className="me__since">{t('me.signed_out_body')}</Text>
        </View>
      </View>
      <Button id="me-signin" className="btn btn--primary me__signin" onClick={onSignIn}>
        {t('me.sign_in')}
      </Button>
    </View>
  );
}
