import { checkout } from '@wxshop/shared/i18n/messages/areas/checkout';
import { addMessages } from '../i18n';

// The checkout subpackage's messages: every page of it imports this module first, so they load with the
// subpackage and the main package carries none of them.
addMessages(checkout);
