// The paged list hook moved to hooks/ (the share subpackage uses it too).
export { usePaged, type Paged } from '../../hooks/use-paged';
