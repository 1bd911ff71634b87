import { reviews } from '@wxshop/shared/i18n/messages/areas/reviews';
import { addMessages } from '../../i18n';

// The review pages' messages (shop, orders and merchant subpackages import this first): the main
// package carries none of them (optimizeMainPackage puts a module only subpackages use in theirs).
addMessages(reviews);
