import { afterSales } from '@wxshop/shared/i18n/messages/areas/after-sales';
import { addMessages } from '../../i18n';

// The after-sale pages' messages (orders and merchant subpackages import this first): the main
// package carries none of them.
addMessages(afterSales);
