import { admin } from '@wxshop/shared/i18n/messages/areas/admin';
import { finance } from '@wxshop/shared/i18n/messages/areas/finance';
import { addMessages } from '../i18n';

// The admin subpackage's messages: every page of it imports this module first, so they load with the
// subpackage and the main package carries none of them.
addMessages(admin);
addMessages(finance);
