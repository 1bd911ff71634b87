import type { PropsWithChildren } from 'react';
// Loading i18n first picks the language (stored choice, else system, else zh-CN) before any page renders.
import './i18n';
import './app.scss';
import { keyboardScrollablePages } from './platform/ui';

keyboardScrollablePages();

function App({ children }: PropsWithChildren) {
  // children is the page being shown
  return children;
}

export default App;
