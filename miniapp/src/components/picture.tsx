import { Image, type ImageProps } from '@tarojs/components';

export interface PictureProps extends Omit<ImageProps, 'ariaLabel'> {
  /** What the image shows, for people who cannot see it (a product's name); `''` marks it decorative. */
  alt: string;
}

/**
 * An `Image` with its text alternative. On the mini-programs the screen reader reads `aria-label`;
 * on H5 `picture.h5.tsx` puts `alt` on the `<img>` itself, which is what assistive technology and
 * axe read there.
 */
export function Picture({ alt, ...props }: PictureProps) {
  return <Image {...props} ariaLabel={alt || undefined} />;
}
