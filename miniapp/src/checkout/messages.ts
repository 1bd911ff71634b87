import { checkout } from '@wxshop/shared/i18n/messages/areas/checkout';
import { inbox } from '@wxshop/shared/i18n/messages/areas/inbox';
import { addMessages } from '../i18n';

// The checkout subpackage's messages: every page of it imports this module first, so they load with the
// subpackage and the main package carries none of them.
addMessages(checkout);
// The shopper's inbox page (orders) and the pay result page's subscribe prompt (checkout).
addMessages(inbox);
