import { Image } from '@tarojs/components';
import type { PictureProps } from './picture';

/**
 * H5: Taro's `Image` renders `<taro-image-core><img></taro-image-core>` and copies only
 * `nativeProps` onto the `<img>`; `ariaLabel` would land on the wrapper, where an `<img>` without
 * `alt` still fails WCAG 1.1.1.
 */
export function Picture({ alt, nativeProps, ...props }: PictureProps) {
  return <Image {...props} nativeProps={{ ...nativeProps, alt }} />;
}
