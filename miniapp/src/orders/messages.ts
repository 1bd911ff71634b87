import { orders } from '@wxshop/shared/i18n/messages/areas/orders';
import { inbox } from '@wxshop/shared/i18n/messages/areas/inbox';
import { addMessages } from '../i18n';

// The orders subpackage's messages: every page of it (and the admin order detail) imports this module
// first, so they load with the subpackage and the main package carries none of them.
addMessages(orders);
// The shopper's inbox page (orders) and the pay result page's subscribe prompt (checkout).
addMessages(inbox);
