import { useEffect, type PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
// Loading i18n first picks the language (stored choice, else system, else zh-CN) before any page renders.
import './i18n';
import './app.scss';
import { keyboardScrollablePages } from './platform/ui';
import { launchContext } from './platform/launch';
import { bindPendingReferral, channelOf, openScene, rememberScene, sceneOf } from './services/referral';
import { useSession } from './services/session';

keyboardScrollablePages();

let lastScene: string | undefined;
/** A share's scene in the launch (a code scanned, a card, a Moments post, an H5 link): recorded, and kept until the shopper is bound. */
function takeScene(options: Parameters<typeof launchContext>[0]): void {
  const { query, scene: launchScene } = launchContext(options);
  const scene = sceneOf(query);
  if (!scene || scene === lastScene) return;
  lastScene = scene;
  const channel = channelOf(launchScene);
  void openScene(scene, channel);
  rememberScene(scene, channel);
}

function App({ children }: PropsWithChildren) {
  useLaunch((options) => takeScene(options));
  useDidShow((options) => takeScene(options));
  // signed in (now, or later): bind the scene kept since the launch
  const userId = useSession()?.profile.id;
  useEffect(() => {
    if (userId) void bindPendingReferral();
  }, [userId]);
  // children is the page being shown
  return children;
}

export default App;
